using AutoPR.LocalEcs.LoadBalancer;

namespace AutoPR.LocalEcs.Tests.Units;

public sealed class LoadBalancerUnitTests
{
    private const string Group = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr/1";

    [Fact]
    public void A_target_turns_healthy_after_the_healthy_threshold_and_unhealthy_after_the_unhealthy_threshold()
    {
        var groups = new TargetGroups();
        groups.Register(Group, "t1", "127.0.1.1", 8000);
        var target = groups.CheckableTargets().Single().Target;

        groups.ReportCheck(Group, target, success: true, null, healthyThreshold: 2, unhealthyThreshold: 3);
        Assert.Equal(TargetHealthState.Initial, groups.Health(Group, "t1"));
        groups.ReportCheck(Group, target, success: true, null, 2, 3);
        Assert.Equal(TargetHealthState.Healthy, groups.Health(Group, "t1"));
        groups.ReportCheck(Group, target, success: false, "503", 2, 3);
        groups.ReportCheck(Group, target, success: false, "503", 2, 3);
        Assert.Equal(TargetHealthState.Healthy, groups.Health(Group, "t1"));
        groups.ReportCheck(Group, target, success: false, "503", 2, 3);
        Assert.Equal(TargetHealthState.Unhealthy, groups.Health(Group, "t1"));
    }

    [Fact]
    public void Requests_go_round_robin_to_healthy_targets_only_and_never_to_draining_ones()
    {
        var groups = new TargetGroups();
        foreach (var id in new[] { "a", "b", "c" })
        {
            groups.Register(Group, id, "127.0.1.1", 8000);
        }

        foreach (var (_, target) in groups.CheckableTargets().Where(t => t.Target.TaskId != "c"))
        {
            groups.ReportCheck(Group, target, true, null, 1, 1);
        }

        var picked = Enumerable.Range(0, 4).Select(_ => Take(groups)).ToList();
        Assert.Equal(2, picked.Count(p => p == "a"));
        Assert.Equal(2, picked.Count(p => p == "b"));

        groups.Deregister(Group, "a");
        Assert.All(Enumerable.Range(0, 4).Select(_ => Take(groups)), p => Assert.Equal("b", p));
        Assert.Equal(TargetHealthState.Draining, groups.Health(Group, "a"));
    }

    [Fact]
    public void With_no_healthy_target_requests_fail_open_to_unhealthy_ones_but_never_to_initial_ones()
    {
        var groups = new TargetGroups();
        groups.Register(Group, "new", "127.0.1.1", 8000);
        Assert.Null(groups.Acquire(Group));

        groups.ReportCheck(Group, groups.CheckableTargets().Single().Target, false, "refused", 1, 1);
        Assert.Equal("new", Take(groups));
    }

    [Fact]
    public void A_target_whose_address_another_process_listens_on_is_unhealthy_with_the_reason_and_gets_no_traffic_even_failing_open()
    {
        var groups = new TargetGroups();
        groups.Register(Group, "own", "127.0.1.1", 8000);
        groups.Register(Group, "taken", "127.0.1.2", 8000);
        const string NotOwn = "Health checks failed: the listener at 127.0.1.2:8000 belongs to another process (pid 4242, dotnet), not this task's container";
        foreach (var (_, target) in groups.CheckableTargets())
        {
            var foreign = target.TaskId == "taken";
            groups.ReportCheck(Group, target, success: false, foreign ? NotOwn : "Health checks failed: connection refused", 1, 1, foreignListener: foreign);
        }

        Assert.Equal(TargetHealthState.Unhealthy, groups.Health(Group, "taken"));
        Assert.Equal(NotOwn, groups.Reason(Group, "taken"));
        Assert.All(Enumerable.Range(0, 4).Select(_ => Take(groups)), p => Assert.Equal("own", p));

        groups.ReportCheck(Group, groups.CheckableTargets().Single(t => t.Target.TaskId == "taken").Target, true, null, 1, 1);
        Assert.Equal(TargetHealthState.Healthy, groups.Health(Group, "taken"));
        Assert.Null(groups.Reason(Group, "taken"));
    }

    [Fact]
    public void In_flight_requests_are_counted_until_they_leave()
    {
        var groups = new TargetGroups();
        groups.Register(Group, "a", "127.0.1.1", 8000);
        groups.ReportCheck(Group, groups.CheckableTargets().Single().Target, true, null, 1, 1);

        var target = groups.Acquire(Group)!;
        Assert.Equal(1, groups.InFlight(Group, "a"));
        target.Leave();
        Assert.Equal(0, groups.InFlight(Group, "a"));
    }

    private static string Take(TargetGroups groups)
    {
        var target = groups.Acquire(Group)!;
        target.Leave();
        return target.TaskId;
    }
}
