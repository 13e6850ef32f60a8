using AutoPR.Service.Configuration;

namespace AutoPR.Service.Revision;

/// <summary>
/// Who answers: the task-definition revision this process runs as (family:revision, from the ECS task metadata) and
/// the git revision of its build. Every response carries both in <see cref="HeaderName"/>, so a client can attribute
/// each answer, good or bad, to the release that gave it (the deployment tool judges each revision on its own).
/// </summary>
internal sealed class RevisionStamp(VersionInfo version)
{
    /// <summary>The response header; its value reads "task-definition=autopr:42; git=3f2c1ab".</summary>
    public const string HeaderName = "X-AutoPR-Revision";

    private volatile string _taskDefinition = VersionInfo.Unknown;

    /// <summary>family:revision once the task metadata answered; "unknown" outside ECS or until then.</summary>
    public string TaskDefinition => _taskDefinition;

    public string GitRevision { get; } = version.Revision;

    public string HeaderValue => $"task-definition={TaskDefinition}; git={GitRevision}";

    public void Learned(string family, string revision) => _taskDefinition = $"{family}:{revision}";
}
