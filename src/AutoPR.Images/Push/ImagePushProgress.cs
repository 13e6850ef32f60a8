namespace AutoPR.Images.Push;

/// <summary>
/// One push progress event: per layer (LayerId set: Preparing, Waiting, Pushing with bytes,
/// Pushed, Layer already exists) or for the whole push (LayerId null).
/// </summary>
public sealed record ImagePushProgress(string? LayerId, string Status, long? Current, long? Total);
