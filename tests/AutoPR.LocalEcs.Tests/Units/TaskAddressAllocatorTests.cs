using System.Net;
using System.Net.Sockets;
using AutoPR.LocalEcs.Ports;
using AutoPR.LocalEcs.Tasks;
using AutoPR.LocalEcs.Tests.Fakes;

namespace AutoPR.LocalEcs.Tests.Units;

public sealed class TaskAddressAllocatorTests
{
    [Fact]
    public void Task_addresses_are_loopback_addresses_outside_127_0_0_x_and_never_reused_while_taken()
    {
        var allocator = new TaskAddressAllocator(new PortHolders(new FakeListeningSockets(), new FakeProcessTable()));
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 300; i++)
        {
            taken.Add(allocator.Next(taken, [8000]));
        }

        Assert.Equal(300, taken.Count);
        Assert.All(taken, a => Assert.Matches(@"^127\.0\.([1-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])\.([1-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])$", a));
    }

    [Fact]
    public void An_address_where_another_process_listens_on_the_container_port_is_skipped()
    {
        // A real listener of this test process, found the way LocalEcs finds another stack's container: in /proc/net/tcp.
        using var other = new TcpListener(IPAddress.Parse("127.0.1.1"), 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        var allocator = new TaskAddressAllocator(new PortHolders(new ProcNetTcp(), new ProcProcessTable()));

        Assert.Equal("127.0.1.2", allocator.Next(new HashSet<string>(StringComparer.Ordinal), [port]));
        Assert.Equal("127.0.1.3", allocator.Next(new HashSet<string>(StringComparer.Ordinal) { "127.0.1.2" }, [port]));

        other.Stop();
        Assert.Equal("127.0.1.1", allocator.Next(new HashSet<string>(StringComparer.Ordinal), [port]));
    }

    [Fact]
    public void Only_the_task_s_own_ports_and_exact_binds_make_an_address_busy()
    {
        var sockets = new FakeListeningSockets()
            .Listen("127.0.1.1", 9000, inode: 1)   // another port
            .Listen("0.0.0.0", 8000, inode: 2)     // a wildcard holds 8000 on every address alike: no address avoids it
            .Listen("127.0.1.2", 8000, inode: 3);
        var allocator = new TaskAddressAllocator(new PortHolders(sockets, new FakeProcessTable()));

        Assert.Equal("127.0.1.1", allocator.Next(new HashSet<string>(StringComparer.Ordinal), [8000]));
        Assert.Equal("127.0.1.3", allocator.Next(new HashSet<string>(StringComparer.Ordinal) { "127.0.1.1" }, [8000]));
        Assert.Equal("127.0.1.2", allocator.Next(new HashSet<string>(StringComparer.Ordinal) { "127.0.1.1" }, []));
        Assert.Equal("127.0.1.3", allocator.Next(new HashSet<string>(StringComparer.Ordinal) { "127.0.1.1" }, [9000, 8000]));
    }
}
