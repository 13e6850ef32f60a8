using AutoPR.Deployment.Tasks;

namespace AutoPR.Deployment.Database;

/// <summary>A migration run: the one-off task that ran it, the schema version it ended at (when its output was read), the backup before it.</summary>
public sealed record MigrationResult(OneOffTaskResult Task, SchemaInfo? Schema, string? Backup);
