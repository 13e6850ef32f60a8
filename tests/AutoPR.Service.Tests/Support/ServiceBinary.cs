using System.Reflection;

namespace AutoPR.Service.Tests.Support;

/// <summary>The service's apphost in its own build output; the test project's build stamps the path in.</summary>
internal static class ServiceBinary
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var targetPath = typeof(ServiceBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "AutoPR.Service.TargetPath")?.Value;
        Assert.False(string.IsNullOrEmpty(targetPath), "the test assembly lacks the AutoPR.Service.TargetPath stamp; build it with its csproj");

        var appHost = System.IO.Path.ChangeExtension(targetPath, null);
        Assert.True(File.Exists(appHost), $"the service binary {appHost} is missing; build src/AutoPR.Service first (dotnet build)");
        return appHost;
    }
}
