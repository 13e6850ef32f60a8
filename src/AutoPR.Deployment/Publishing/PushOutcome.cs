using AutoPR.Images.Push;

namespace AutoPR.Deployment.Publishing;

/// <summary>What a push (or promotion) left in the environment's repository.</summary>
/// <param name="Record">The image for the deployment; under --dry-run it may be known by tag only.</param>
/// <param name="Pushed">Whether anything was written to the repository.</param>
/// <param name="Summary">One line for people.</param>
public sealed record PushOutcome(ImagePushRecord Record, bool Pushed, string Summary);
