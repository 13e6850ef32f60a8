using AutoPR.LocalEcs.Cli;

return await LocalEcsCommandLine.RunAsync(args);
