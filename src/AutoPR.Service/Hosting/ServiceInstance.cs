using System.Security.Cryptography;

namespace AutoPR.Service.Hosting;

/// <summary>Identifies this process in responses, so traffic tests can tell which task answered.</summary>
internal sealed record ServiceInstance(string Id, DateTimeOffset StartedAt)
{
    public static ServiceInstance Create(TimeProvider time) =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), time.GetUtcNow());
}
