using System.Net;
using AutoPR.LocalEcs.Api;

namespace AutoPR.LocalEcs.Faults;

/// <summary>Holds the API fault rules and decides, per call, whether to throttle or fail it.</summary>
public sealed class ApiFaults
{
    private readonly Lock _gate = new();
    private readonly List<ApiFaultRule> _rules = [];
    private readonly Random _random;

    public ApiFaults(Random? random = null) => _random = random ?? Random.Shared;

    public IReadOnlyList<ApiFaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    public void Add(ApiFaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Throws the AWS error a faulty call gets, or returns when the call may proceed.</summary>
    public void Apply(string service, string operation)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if ((rule.Service is not null && !rule.Service.Equals(service, StringComparison.OrdinalIgnoreCase))
                    || (rule.Operation is not null && !rule.Operation.Equals(operation, StringComparison.Ordinal)))
                {
                    continue;
                }

                var roll = _random.NextDouble();
                AwsServiceException? fault = roll < rule.ThrottleRate
                    ? new AwsServiceException("ThrottlingException", "Rate exceeded", HttpStatusCode.BadRequest)
                    : roll < rule.ThrottleRate + rule.ErrorRate
                        ? new AwsServiceException("ServerException", "Service unavailable: injected fault.", HttpStatusCode.InternalServerError)
                        : null;
                if (fault is null)
                {
                    continue;
                }

                if (rule.RemainingCalls is { } remaining)
                {
                    if (remaining <= 1)
                    {
                        _rules.RemoveAt(i);
                    }
                    else
                    {
                        _rules[i] = rule with { RemainingCalls = remaining - 1 };
                    }
                }

                throw fault;
            }
        }
    }
}
