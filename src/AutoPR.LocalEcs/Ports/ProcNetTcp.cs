using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace AutoPR.LocalEcs.Ports;

/// <summary>
/// Listening sockets from /proc/net/tcp and /proc/net/tcp6. Reading them has no side effect, unlike trying to
/// bind: a test bind could take the port from the very container that is about to listen on it.
/// </summary>
public sealed class ProcNetTcp : IListeningSockets
{
    private const string ListenState = "0A";

    public IReadOnlyList<ListeningSocket> Snapshot() =>
        [.. Read("/proc/net/tcp"), .. Read("/proc/net/tcp6")];

    /// <summary>The LISTEN rows of one table's text.</summary>
    public static IEnumerable<ListeningSocket> Parse(string table)
    {
        foreach (var line in table.Split('\n').Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != ListenState)
            {
                continue;
            }

            var colon = fields[1].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0
                || !int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port)
                || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
                || ParseAddress(fields[1][..colon]) is not { } address)
            {
                continue;
            }

            yield return new ListeningSocket(address, port, inode);
        }
    }

    /// <summary>
    /// The kernel prints an address as 32-bit words, each in the machine's own byte order ("0101007F" is
    /// 127.0.1.1 on little-endian machines). IPv4-mapped IPv6 addresses come back as IPv4.
    /// </summary>
    public static IPAddress? ParseAddress(string hex)
    {
        if (hex.Length is not (8 or 32))
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            var target = bytes.AsSpan(word * 4, 4);
            if (BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(target, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(target, value);
            }
        }

        var address = new IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static IEnumerable<ListeningSocket> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // No IPv6 on this machine (or no /proc at all): nothing listens there as far as we can know.
            return [];
        }

        return Parse(text);
    }
}
