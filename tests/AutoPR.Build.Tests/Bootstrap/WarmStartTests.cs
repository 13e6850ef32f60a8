using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.Bootstrap;

/// <summary>
/// The warm path runs the compiled build without MSBuild; any change to a build input is still picked up.
/// The tests share one copy and each leaves it compilable, so they hold in any order.
/// </summary>
public class WarmStartTests(BootstrapCopyFixture copy) : IClassFixture<BootstrapCopyFixture>
{
    [Fact]
    public async Task An_unchanged_build_starts_without_compiling()
    {
        var settled = await copy.HelpAsync();
        Assert.True(settled.ExitCode == 0, settled.ToString());
        var compiledAt = File.GetLastWriteTimeUtc(copy.BuildDll);

        var warm = await copy.HelpAsync();

        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.DoesNotContain(BootstrapCopyFixture.CompilingMessage, warm.Error, StringComparison.Ordinal);
        Assert.Equal(compiledAt, File.GetLastWriteTimeUtc(copy.BuildDll));
        Assert.Matches(@"(?m)^\s*Test\s+-> Compile", warm.Output);
    }

    [Fact]
    public async Task A_new_target_in_a_build_file_appears_in_help()
    {
        copy.Write("build/Build.Announce.cs", """
            using AutoPR.Build;

            namespace AutoPR.BuildDefinition;

            internal sealed partial class Build
            {
                Target Announce => _ => _
                    .Description("Tells everyone the build is green.")
                    .DependsOn(Compile)
                    .Executes(() => { });
            }
            """);

        var result = await copy.HelpAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(BootstrapCopyFixture.CompilingMessage, result.Error, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s*Announce\s+-> Compile\s+Tells everyone the build is green\.", result.Output);
    }

    [Fact]
    public async Task A_change_to_a_project_the_build_references_is_picked_up()
    {
        var helpWriter = copy.PathOf("src/AutoPR.Build/Output/HelpWriter.cs");
        var source = await File.ReadAllTextAsync(helpWriter);
        await File.WriteAllTextAsync(helpWriter, source.Replace("\"Usage: ./build.sh", "\"Usage (edited host): ./build.sh", StringComparison.Ordinal));

        var result = await copy.HelpAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(BootstrapCopyFixture.CompilingMessage, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("Usage (edited host): ./build.sh", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_file_that_does_not_compile_is_exit_code_2_with_the_compiler_error()
    {
        var broken = copy.Write("build/Build.Broken.cs", "namespace AutoPR.BuildDefinition; internal sealed partial class Build { Target Broken => ; }");

        ProcessResult result;
        try
        {
            result = await copy.HelpAsync();
        }
        finally
        {
            // The copy is shared by the class: never leave it broken for the next test.
            File.Delete(broken);
        }

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Build.Broken.cs", result.Error, StringComparison.Ordinal);
        Assert.Contains("error: the build project does not compile; fix the errors above", result.Error, StringComparison.Ordinal);

        var repaired = await copy.HelpAsync();
        Assert.True(repaired.ExitCode == 0, repaired.ToString());
    }
}
