namespace AutoPR.LocalEcs.Ecs.Model;

public sealed record ServiceEventRecord(string Id, DateTimeOffset CreatedAt, string Message);
