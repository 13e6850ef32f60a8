using System.Diagnostics;
using System.Globalization;
using AutoPR.Images.BaseImages;
using AutoPR.Images.Build;
using AutoPR.Images.Engine;
using AutoPR.Images.Push;

// DockerBuild + push of the service through AutoPR.Deployment, as the build targets will do it.
//   DockerBench noop                                   process start baseline
//   DockerBench engine <state-dir> <run-dir>           a private engine (own dockerd) for the bench; prints DOCKER_HOST
//   DockerBench registry <state-dir> <run-dir> <port>  a fresh registry at 127.0.0.1:<port> (storage under state-dir)
//   DockerBench push <image> <registry> <registry-repository> <tag>   push only (uses DOCKER_HOST)
//   DockerBench build-push <repo-root> <local-repository> <registry> <registry-repository>
//                                                      uses DOCKER_HOST; prints key=value timings (ms since Main)
var clock = Stopwatch.StartNew();
var mode = args.Length > 0 ? args[0] : "noop";
switch (mode)
{
    case "noop":
        Console.WriteLine("mode=noop");
        return 0;
    case "engine" when args.Length == 3:
    {
        var endpoints = await new DockerEnvironment(new DockerEnvironmentOptions
        {
            UseRunningEngines = false,
            RegistryAddress = null,
            StateDirectory = args[1],
            RunDirectory = args[2],
        }).EnsureAsync();
        await new BaseImage(endpoints).EnsureAsync();
        Console.WriteLine($"DOCKER_HOST={endpoints.DockerHost}");
        return 0;
    }

    case "registry" when args.Length == 4:
        await new DockerEnvironment(new DockerEnvironmentOptions
        {
            DockerHost = new Uri(Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock"),
            RegistryAddress = $"127.0.0.1:{args[3]}",
            StateDirectory = args[1],
            RunDirectory = args[2],
        }).EnsureAsync();
        Console.WriteLine($"REGISTRY=127.0.0.1:{args[3]}");
        return 0;
    case "push" when args.Length == 5:
    {
        var endpoints = await new DockerEnvironment(new DockerEnvironmentOptions { RegistryAddress = args[2] }).EnsureAsync();
        var pushed = await new ImagePusher(endpoints).PushAsync(new ImagePushRequest { SourceImage = args[1], Registry = args[2], Repository = args[3], Tag = args[4] });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"push_ms={clock.ElapsedMilliseconds} skipped={pushed.Skipped} digest={pushed.Image.Digest}"));
        return 0;
    }

    case "build-push" when args.Length == 5:
        return await BuildPushAsync(args[1], args[2], args[3], args[4], clock);
    default:
        Console.Error.WriteLine("usage: DockerBench noop | engine <state> <run> | registry <state> <run> <port> | build-push <repo-root> <local-repository> <registry> <registry-repository>");
        return 2;
}

static async Task<int> BuildPushAsync(string root, string repository, string registry, string registryRepository, Stopwatch clock)
{
    var endpoints = await new DockerEnvironment(new DockerEnvironmentOptions { RegistryAddress = registry }).EnsureAsync();
    var environmentMs = clock.ElapsedMilliseconds;
    await new BaseImage(endpoints).EnsureAsync();
    var baseMs = clock.ElapsedMilliseconds;
    long contextAt = 0, buildAt = 0;
    var stages = new Progress(progress =>
    {
        if (progress.Stage == ImageBuildStage.Context && contextAt == 0)
        {
            contextAt = clock.ElapsedMilliseconds;
        }
        else if (progress.Stage == ImageBuildStage.Build && buildAt == 0)
        {
            buildAt = clock.ElapsedMilliseconds;
        }
    });
    var built = await new ImageBuilder(endpoints).BuildAsync(new ImageBuildRequest { RepositoryRoot = root, Repository = repository, RecordPath = null }, stages);
    var buildMs = clock.ElapsedMilliseconds;
    var pushed = await new ImagePusher(endpoints).PushAsync(new ImagePushRequest
    {
        SourceImage = built.Reference,
        Registry = registry,
        Repository = registryRepository,
        Tag = built.Tag,
    });
    var totalMs = clock.ElapsedMilliseconds;
    var publishMs = contextAt == 0 ? 0 : contextAt - baseMs;
    var contextMs = buildAt == 0 ? 0 : buildAt - contextAt;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"environment_ms={environmentMs} base_ms={baseMs - environmentMs} publish_ms={publishMs} context_ms={contextMs} engine_build_ms={(buildAt == 0 ? 0 : buildMs - buildAt)} build_total_ms={buildMs - baseMs} push_ms={totalMs - buildMs} total_ms={totalMs} build_skipped={built.Skipped} push_skipped={pushed.Skipped}"));
    return 0;
}

/// <summary>Reports on the caller's thread, so the stage times are taken when they happen.</summary>
internal sealed class Progress(Action<ImageBuildProgress> report) : IProgress<ImageBuildProgress>
{
    public void Report(ImageBuildProgress value) => report(value);
}
