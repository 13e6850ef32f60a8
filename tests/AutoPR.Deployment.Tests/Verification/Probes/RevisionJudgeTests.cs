using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Verification.Probes;

namespace AutoPR.Deployment.Tests.Verification.Probes;

public sealed class RevisionJudgeTests
{
    private const string Old = "autopr:41";
    private const string New = "autopr:42";

    private static readonly VerificationSettings Settings = new()
    {
        MaxErrorRate = 0.05,
        MaxP99LatencyMs = 2000,
        BakeWindowSeconds = 20,
        ConsecutiveHealthyChecks = 3,
        Probes = new ProbeSettings { MinimumSamples = 10, Confidence = 0.99 },
    };

    private readonly RevisionJudge _judge = new(Settings);

    [Fact]
    public void The_old_revisions_errors_are_never_charged_to_the_new_one()
    {
        var board = new RevisionScoreboard();
        Answer(board, Old, "/", good: 50, bad: 50);
        Answer(board, New, "/", good: 40, bad: 0);

        Assert.Null(_judge.FindBreach(board.Figures(), New));
        Assert.NotNull(_judge.FindBreach(board.Figures(), Old));
    }

    [Fact]
    public void A_broken_route_fails_the_new_revision_however_much_traffic_other_routes_have()
    {
        var board = new RevisionScoreboard();
        Answer(board, Old, "/", good: 30, bad: 0);
        Answer(board, Old, "/version", good: 3000, bad: 0);
        Answer(board, New, "/", good: 10, bad: 10);
        Answer(board, New, "/version", good: 3000, bad: 0);

        var breach = _judge.FindBreach(board.Figures(), New);

        Assert.NotNull(breach);
        Assert.Equal("/", breach.Route);
        Assert.Equal("error rate", breach.Signal);
        Assert.Equal(New, breach.Revision);
        Assert.StartsWith("error rate of autopr:42 on GET /: 50 % (10 of 20) (max 5 %), vs 0 % (0 of 30) on autopr:41; Fisher's exact test p = ", breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_route_is_judged_before_the_new_revision_answered_the_minimum_number_of_times()
    {
        var board = new RevisionScoreboard();
        Answer(board, Old, "/", good: 100, bad: 0);
        Answer(board, New, "/", good: 0, bad: 9);

        Assert.Null(_judge.FindBreach(board.Figures(), New));

        Answer(board, New, "/", good: 0, bad: 1);
        Assert.NotNull(_judge.FindBreach(board.Figures(), New));
    }

    [Fact]
    public void A_new_revision_as_bad_as_the_old_one_is_not_failed()
    {
        var board = new RevisionScoreboard();
        Answer(board, Old, "/", good: 20, bad: 20);
        Answer(board, New, "/", good: 21, bad: 19);

        Assert.Null(_judge.FindBreach(board.Figures(), New));
    }

    [Fact]
    public void Without_enough_old_answers_the_new_revision_is_judged_against_the_limit()
    {
        var board = new RevisionScoreboard();
        Answer(board, Old, "/", good: 3, bad: 0);
        Answer(board, New, "/", good: 5, bad: 5);

        var breach = _judge.FindBreach(board.Figures(), New);

        Assert.NotNull(breach);
        Assert.Null(breach.Baseline);
        Assert.Contains("exact binomial test", breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_errors_within_the_limit_do_not_fail_a_new_revision()
    {
        var board = new RevisionScoreboard();
        Answer(board, New, "/", good: 99, bad: 1);

        Assert.Null(_judge.FindBreach(board.Figures(), New));
    }

    [Fact]
    public void Slower_answers_fail_the_p99_latency_signal_with_both_revisions_figures()
    {
        var board = new RevisionScoreboard();
        Answer(board, Old, "/", good: 40, bad: 0, milliseconds: 12);
        Answer(board, New, "/", good: 12, bad: 0, milliseconds: 3012);

        var breach = _judge.FindBreach(board.Figures(), New);

        Assert.NotNull(breach);
        Assert.Equal("p99 latency", breach.Signal);
        Assert.StartsWith("p99 latency of autopr:42 on GET /: 3012 ms (max 2000 ms; 12 of 12 slower), vs 12 ms on autopr:41;", breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_slow_answer_among_many_is_within_p99()
    {
        var board = new RevisionScoreboard();
        Answer(board, Old, "/", good: 200, bad: 0, milliseconds: 12);
        Answer(board, New, "/", good: 199, bad: 0, milliseconds: 12);
        Answer(board, New, "/", good: 1, bad: 0, milliseconds: 5000);

        Assert.Null(_judge.FindBreach(board.Figures(), New));
    }

    [Fact]
    public void Answers_that_name_no_revision_are_counted_apart()
    {
        var board = new RevisionScoreboard();
        for (var i = 0; i < 50; i++)
        {
            board.Add(new ProbeAnswer("/", null, 503, 1, AsExpected: false));
        }

        Answer(board, New, "/", good: 20, bad: 0);

        Assert.Equal(50, board.Unattributed);
        Assert.Null(_judge.FindBreach(board.Figures(), New));
        Assert.Equal(20, Assert.Single(board.Figures()).Answers);
    }

    [Fact]
    public void The_budget_of_probes_is_never_exceeded()
    {
        var board = new RevisionScoreboard();

        var sent = Enumerable.Range(0, 10).Count(_ => board.TrySend(budget: 7));

        Assert.Equal(7, sent);
        Assert.Equal(7, board.Sent);
    }

    [Theory]
    [InlineData("task-definition=autopr-local:19; git=3f2c1ab", "autopr-local:19")]
    [InlineData("git=3f2c1ab;task-definition=autopr:7", "autopr:7")]
    [InlineData("task-definition=unknown; git=3f2c1ab", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_header_names_the_task_definition(string? header, string? expected) =>
        Assert.Equal(expected, RevisionHeader.TaskDefinition(header));

    [Fact]
    public void A_canary_broken_everywhere_is_judged_on_all_its_routes_together_before_any_one_route_has_enough_answers()
    {
        var board = new RevisionScoreboard();
        foreach (var route in new[] { "/", "/api/instance", "/health", "/version" })
        {
            Answer(board, Old, route, good: 100, bad: 0);
            Answer(board, New, route, good: 1, bad: 2);
        }

        var breach = _judge.FindBreach(board.Figures(), New);

        Assert.NotNull(breach);
        Assert.StartsWith("error rate of autopr:42 on all routes together: 66.7 % (8 of 12) (max 5 %), vs 0 % (0 of 400) on autopr:41; Fisher's exact test p < 1e-15 < 0.01 (errors", breach.Message, StringComparison.Ordinal);
        Assert.EndsWith("(errors per route: / 2/3, /api/instance 2/3, /health 2/3, /version 2/3)", breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_routes_together_do_not_fail_a_revision_as_good_as_the_old_one()
    {
        var board = new RevisionScoreboard();
        foreach (var route in new[] { "/", "/api/instance", "/health", "/version" })
        {
            Answer(board, Old, route, good: 97, bad: 3);
            Answer(board, New, route, good: 3, bad: route == "/" ? 1 : 0);
        }

        Assert.Null(_judge.FindBreach(board.Figures(), New));
    }

    private static void Answer(RevisionScoreboard board, string revision, string route, int good, int bad, double milliseconds = 10)
    {
        for (var i = 0; i < good; i++)
        {
            board.Add(new ProbeAnswer(route, revision, 200, milliseconds, AsExpected: true));
        }

        for (var i = 0; i < bad; i++)
        {
            board.Add(new ProbeAnswer(route, revision, 500, milliseconds, AsExpected: false));
        }
    }
}
