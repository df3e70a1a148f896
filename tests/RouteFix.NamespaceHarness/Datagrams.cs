using System.Net;
using System.Net.Sockets;

namespace RouteFix.NamespaceHarness;

/// <summary>UDP datagrams sent from inside a namespace, from an unbound address so the kernel's route picks the source.</summary>
public static class Datagrams
{
    public static void Send(string netnsPath, int sourcePort, IEnumerable<IPEndPoint> destinations) => InNamespace.Run(netnsPath, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.EnableBroadcast = true;
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 1);
        socket.Bind(new IPEndPoint(IPAddress.Any, sourcePort));
        var payload = "route-fix test datagram"u8.ToArray();
        foreach (var destination in destinations)
        {
            socket.SendTo(payload, destination);
        }
    });

    /// <summary>
    /// The same over IPv6: an unbound socket that names no interface (no IPV6_MULTICAST_IF, no scope id), so the
    /// kernel's routes pick the interface for a multicast destination and RFC 6724 the source.
    /// </summary>
    public static void SendIPv6(string netnsPath, int sourcePort, IEnumerable<IPEndPoint> destinations) => InNamespace.Run(netnsPath, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, 1);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, sourcePort));
        var payload = "route-fix test datagram"u8.ToArray();
        foreach (var destination in destinations)
        {
            if (destination.Address.ScopeId != 0)
            {
                throw new ArgumentException("the destination must name no interface", nameof(destinations));
            }

            socket.SendTo(payload, destination);
        }
    });

    /// <summary>The source address the kernel would choose for <paramref name="destination"/> (a connected UDP socket's local address).</summary>
    public static IPAddress SourceFor(string netnsPath, IPAddress destination) => InNamespace.Run(netnsPath, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(destination, 9));
        return ((IPEndPoint)socket.LocalEndPoint!).Address;
    });
}
