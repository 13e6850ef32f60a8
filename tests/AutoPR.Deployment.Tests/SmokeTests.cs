namespace AutoPR.Deployment.Tests;

public class SmokeTests
{
    [Fact]
    public void Runs() => Assert.True(true);
}
