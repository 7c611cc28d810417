using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Platform.Outbound;

/// <summary>
/// Which IP addresses an integration call may connect to. Refused: loopback, unspecified, private (RFC 1918),
/// shared/CGNAT (RFC 6598), link-local (incl. the cloud metadata address 169.254.169.254), multicast, broadcast and
/// reserved IPv4; IPv6 loopback, unspecified, link-local, site-local, unique-local (fc00::/7) and multicast; and every
/// IPv6 form that carries one of those IPv4 addresses (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d,
/// NAT64 64:ff9b::/96, 6to4 2002::/16), because the kernel or a gateway would deliver them to the IPv4 address.
/// </summary>
public static class AddressGuard
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsForbiddenV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;
        if (address.IsIPv4MappedToIPv6) return IsForbiddenV4(address.MapToIPv4().GetAddressBytes());
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address)) return true;
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast) return true;
        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC) return true; // fc00::/7 unique local
        // ::a.b.c.d (deprecated IPv4-compatible): the first 96 bits are zero.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0) return IsForbiddenV4(b[12..16]);
        // 64:ff9b::/96 (NAT64): the last 32 bits are the IPv4 address.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0) return IsForbiddenV4(b[12..16]);
        // 2002::/16 (6to4): bits 16..47 are the IPv4 address.
        if (b[0] == 0x20 && b[1] == 0x02) return IsForbiddenV4(b[2..6]);
        return false;
    }

    private static bool IsForbiddenV4(byte[] b) => b[0] switch
    {
        0 => true,                                  // 0.0.0.0/8 "this network", unspecified
        10 => true,                                 // 10/8 private
        127 => true,                                // loopback
        100 => (b[1] & 0xC0) == 64,                 // 100.64/10 shared address space (CGNAT)
        169 => b[1] == 254,                         // 169.254/16 link-local, cloud metadata
        172 => (b[1] & 0xF0) == 16,                 // 172.16/12 private
        192 => b[1] == 168 || (b[1] == 0 && b[2] == 0), // 192.168/16 private, 192.0.0/24 protocol assignments
        198 => b[1] is 18 or 19,                    // 198.18/15 benchmarking
        >= 224 => true,                             // 224/4 multicast, 240/4 reserved, 255.255.255.255 broadcast
        _ => false,
    };
}
