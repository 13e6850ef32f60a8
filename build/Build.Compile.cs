using AutoPR.Build;
using AutoPR.BuildDefinition.Tools;

namespace AutoPR.BuildDefinition;

internal sealed partial class Build
{
    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/obj folders of src/ and tests/ (build/ keeps its own, it is running).")
        .Before(Restore)
        .Executes(() =>
        {
            foreach (var directory in new[] { "src", "tests" }
                .Select(d => RootDirectory / d)
                .Where(d => d.Exists())
                .SelectMany(d => Directory.EnumerateDirectories(d, "*", SearchOption.AllDirectories))
                .Where(d => Path.GetFileName(d) is "bin" or "obj")
                .ToList())
            {
                Directory.Delete(directory, recursive: true);
            }

            if (ArtifactsDirectory.Exists())
            {
                Directory.Delete(ArtifactsDirectory, recursive: true);
            }
        });

    Target Restore => _ => _
        .Description("Restores the solution's NuGet packages.")
        .Executes(ct => DotNet.RunAsync(["restore", Solution], ct));

    Target Compile => _ => _
        .Description("Builds the solution (warnings are errors).")
        .DependsOn(Restore)
        .Executes(ct => DotNet.RunAsync(["build", Solution, "--no-restore", "-c", Configuration.ToString()], ct));
}
