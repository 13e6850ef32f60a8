using System.Globalization;
using AutoPR.LocalEcs.Ports;

namespace AutoPR.LocalEcs.Tasks;

/// <summary>
/// Gives each task its own loopback address 127.0.x.y (x, y in 1..254), as awsvpc gives each Fargate task an IP.
/// 127.0.0.x stays with the host. An address is skipped when a task of this LocalEcs has it, or when something on
/// the machine already listens there on one of the task's container ports: another LocalEcs's task, say, whose
/// state this one cannot see. Its container could not listen there, and health checks would reach the other process.
/// </summary>
public sealed class TaskAddressAllocator(PortHolders ports)
{
    /// <param name="taken">Addresses of this LocalEcs's tasks.</param>
    /// <param name="containerPorts">The ports the task's containers listen on.</param>
    public string Next(IReadOnlySet<string> taken, IReadOnlyCollection<int> containerPorts)
    {
        var busy = ports.AddressesListeningOn(containerPorts);
        for (var x = 1; x <= 254; x++)
        {
            for (var y = 1; y <= 254; y++)
            {
                var address = string.Create(CultureInfo.InvariantCulture, $"127.0.{x}.{y}");
                if (!taken.Contains(address) && !busy.Contains(address))
                {
                    return address;
                }
            }
        }

        throw new InvalidOperationException("All 64,516 task addresses in 127.0.1.1-127.0.254.254 are in use.");
    }
}
