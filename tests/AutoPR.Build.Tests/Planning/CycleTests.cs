namespace AutoPR.Build.Tests.Planning;

public class CycleTests
{
    private sealed class TwoTargetCycle : NukeBuild
    {
        Target A => _ => _.DependsOn(B);
        Target B => _ => _.DependsOn(A);
    }

    private sealed class ThreeTargetCycle : NukeBuild
    {
        Target A => _ => _.DependsOn(B);
        Target B => _ => _.DependsOn(C);
        Target C => _ => _.DependsOn(A);
    }

    private sealed class SelfCycle : NukeBuild
    {
        Target Loop => _ => _.DependsOn(Loop);
    }

    private sealed class OrderingCycle : NukeBuild
    {
        Target A => _ => _.After(B);
        Target B => _ => _.After(A);
    }

    private sealed class TriggerCycle : NukeBuild
    {
        Target Deploy => _ => _.DependsOn(Verify);
        Target Verify => _ => _.TriggeredBy(Deploy);
    }

    private sealed class NoCycle : NukeBuild
    {
        Target Top => _ => _.DependsOn(Left, Right);
        Target Left => _ => _.DependsOn(Bottom);
        Target Right => _ => _.DependsOn(Bottom).After(Left);
        Target Bottom => _ => _;
    }

    [Fact]
    public void A_cycle_of_two_is_rejected_naming_it() =>
        Assert.Contains("A -> B -> A", Assert.Throws<UsageException>(() => TargetGraph.Create(new TwoTargetCycle())).Message, StringComparison.Ordinal);

    [Fact]
    public void A_longer_cycle_is_named_in_full() =>
        Assert.Contains("A -> B -> C -> A", Assert.Throws<UsageException>(() => TargetGraph.Create(new ThreeTargetCycle())).Message, StringComparison.Ordinal);

    [Fact]
    public void A_target_depending_on_itself_is_a_cycle() =>
        Assert.Contains("Loop -> Loop", Assert.Throws<UsageException>(() => TargetGraph.Create(new SelfCycle())).Message, StringComparison.Ordinal);

    [Fact]
    public void Ordering_edges_that_contradict_each_other_are_a_cycle() =>
        Assert.Contains("A -> B -> A", Assert.Throws<UsageException>(() => TargetGraph.Create(new OrderingCycle())).Message, StringComparison.Ordinal);

    [Fact]
    public void Depending_on_a_target_one_triggers_is_a_cycle()
    {
        var message = Assert.Throws<UsageException>(() => TargetGraph.Create(new TriggerCycle())).Message;
        Assert.Contains("Deploy -> Verify -> Deploy", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void A_diamond_is_not_a_cycle() =>
        Assert.Equal(4, TargetGraph.Create(new NoCycle()).Targets.Count);
}
