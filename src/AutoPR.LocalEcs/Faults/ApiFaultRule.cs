namespace AutoPR.LocalEcs.Faults;

/// <summary>Makes the AWS API misbehave at a rate: throttle (400 ThrottlingException) or fail (500/503).</summary>
/// <param name="Service">ecs, ecr or monitoring; null for all.</param>
/// <param name="Operation">Operation name such as DescribeServices; null for all.</param>
/// <param name="ThrottleRate">Fraction of matching calls answered with ThrottlingException.</param>
/// <param name="ErrorRate">Fraction of matching calls answered with a 5xx error.</param>
/// <param name="RemainingCalls">How many more faults to inject; null for no limit.</param>
public sealed record ApiFaultRule(string? Service, string? Operation, double ThrottleRate, double ErrorRate, int? RemainingCalls);
