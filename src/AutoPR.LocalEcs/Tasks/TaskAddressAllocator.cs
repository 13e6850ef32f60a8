using System.Globalization;

namespace AutoPR.LocalEcs.Tasks;

/// <summary>
/// Gives each task its own loopback address 127.0.x.y (x, y in 1..254), as awsvpc gives each Fargate task an IP.
/// 127.0.0.x stays with the host.
/// </summary>
public static class TaskAddressAllocator
{
    public static string Next(IReadOnlySet<string> taken)
    {
        for (var x = 1; x <= 254; x++)
        {
            for (var y = 1; y <= 254; y++)
            {
                var address = string.Create(CultureInfo.InvariantCulture, $"127.0.{x}.{y}");
                if (!taken.Contains(address))
                {
                    return address;
                }
            }
        }

        throw new InvalidOperationException("All 64,516 task addresses in 127.0.1.1-127.0.254.254 are in use.");
    }
}
