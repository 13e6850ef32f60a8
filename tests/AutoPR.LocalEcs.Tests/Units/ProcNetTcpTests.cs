using System.Net;
using System.Net.Sockets;
using AutoPR.LocalEcs.Ports;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>Reading listening sockets and their holders from /proc, on text samples and on real sockets of this test.</summary>
public sealed class ProcNetTcpTests
{
    // As a little-endian kernel (x86-64, arm64: the machines this runs on) prints them: each 32-bit word of an
    // address in the machine's byte order.
    private const string Tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0101007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41234 1 0000000000000000 100 0 0 10 0
           1: 00000000:0FA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41235 1 0000000000000000 100 0 0 10 0
           2: 0101007F:1F40 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 41236 1 0000000000000000 20 4 30 10 -1
        """;

    private const string Tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51234 1 0000000000000000 100 0 0 10 0
           1: 0000000000000000FFFF00000201007F:1F40 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51235 1 0000000000000000 100 0 0 10 0
        """;

    [Fact]
    public void Listening_rows_are_read_with_their_address_port_and_inode_and_connections_are_left_out()
    {
        var v4 = ProcNetTcp.Parse(Tcp).ToList();
        var v6 = ProcNetTcp.Parse(Tcp6).ToList();

        Assert.Equal([new ListeningSocket(IPAddress.Parse("127.0.1.1"), 8000, 41234), new ListeningSocket(IPAddress.Any, 4000, 41235)], v4);
        Assert.Equal([new ListeningSocket(IPAddress.IPv6Any, 8080, 51234), new ListeningSocket(IPAddress.Parse("127.0.1.2"), 8000, 51235)], v6);
        Assert.True(v4[1].IsWildcard);
        Assert.True(v6[0].IsWildcard);
    }

    [Fact]
    public void A_real_listener_is_found_with_the_process_that_holds_it()
    {
        using var listener = new TcpListener(IPAddress.Parse("127.0.1.1"), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var processes = new ProcProcessTable();
        var ports = new PortHolders(new ProcNetTcp(), processes);

        var socket = PortHolders.Accepting(new ProcNetTcp().Snapshot(), IPAddress.Parse("127.0.1.1"), port);

        Assert.NotNull(socket);
        Assert.True(processes.HoldsSocket(Environment.ProcessId, socket.Inode));
        Assert.Equal(Environment.ProcessId, ports.HolderOf("127.0.1.1", port)?.Pid);
        Assert.Null(ports.HolderOf("127.0.1.2", port));
        Assert.Equal(ListenerOwner.Task, ports.Ownership("127.0.1.1", port, [Environment.ProcessId]).Owner);
        var foreign = ports.Ownership("127.0.1.1", port, []);
        Assert.Equal(ListenerOwner.Foreign, foreign.Owner);
        Assert.Equal(Environment.ProcessId, foreign.Holder?.Pid);
    }
}
