using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RouteFix.NamespaceHarness;

/// <summary>One UDP datagram tcpdump saw (IPv4 or IPv6).</summary>
public sealed record CapturedDatagram(string Source, int SourcePort, string Destination, int DestinationPort)
{
    /// <summary>"192.168.2.150:40001 > 224.0.0.251:5353"; IPv6 addresses in brackets: "[fe80::1]:40001 > [ff02::fb]:5353".</summary>
    public override string ToString() => $"{Endpoint(Source, SourcePort)} > {Endpoint(Destination, DestinationPort)}";

    private static string Endpoint(string address, int port) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{port}" : $"{address}:{port}";
}

/// <summary>tcpdump on one interface of a namespace, printing one line per UDP datagram (-l -n -t -q).</summary>
public sealed partial class PacketCapture : IDisposable
{
    private readonly Process _process;
    private readonly List<CapturedDatagram> _seen = [];
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PacketCapture(Process process) => _process = process;

    public static PacketCapture Start(string netns, string device, string filter = "udp and not port 67 and not port 68")
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "netns", "exec", netns, "tcpdump", "-i", device, "-l", "-n", "-t", "-q", "-U", filter })
        {
            start.ArgumentList.Add(arg);
        }

        var capture = new PacketCapture(Process.Start(start) ?? throw new InvalidOperationException("cannot start tcpdump"));
        capture._process.OutputDataReceived += (_, e) => capture.OnLine(e.Data);
        capture._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                capture._listening.TrySetException(new InvalidOperationException("tcpdump ended: " + string.Join(" | ", capture.Lines)));
                return;
            }

            lock (capture._lines)
            {
                capture._lines.Add(e.Data);
            }

            if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                capture._listening.TrySetResult();
            }
        };
        capture._process.BeginOutputReadLine();
        capture._process.BeginErrorReadLine();
        if (!capture._listening.Task.Wait(TimeSpan.FromSeconds(15)))
        {
            capture.Dispose();
            throw new TimeoutException($"tcpdump on {netns}/{device} did not start listening");
        }

        return capture;
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IReadOnlyList<CapturedDatagram> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> datagrams match, or the time is up; returns the matches.</summary>
    public IReadOnlyList<CapturedDatagram> WaitFor(Func<CapturedDatagram, bool> match, int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var matches = Seen.Where(match).ToList();
            if (matches.Count >= count || watch.Elapsed > timeout)
            {
                return matches;
            }

            Thread.Sleep(50);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        var m = UdpLine().Match(line);
        if (m.Success)
        {
            var v4 = m.Groups[1].Success;
            var datagram = new CapturedDatagram(
                v4 ? m.Groups[1].Value : m.Groups[4].Value,
                int.Parse(v4 ? m.Groups[2].Value : m.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture),
                v4 ? m.Groups[3].Value : m.Groups[6].Value,
                int.Parse(m.Groups[7].Value, System.Globalization.CultureInfo.InvariantCulture));
            lock (_seen)
            {
                _seen.Add(datagram);
            }
        }
    }

    // "IP 192.168.2.150.40001 > 224.0.0.251.5353: UDP, length 23"
    // "IP6 fe80::1.40001 > ff02::fb.5353: UDP, length 23" (tcpdump -q joins address and port with a dot for both)
    [GeneratedRegex(@"^(?:IP (\d+\.\d+\.\d+\.\d+)\.(\d+) > (\d+\.\d+\.\d+\.\d+)|IP6 ([0-9a-f:]+)\.(\d+) > ([0-9a-f:]+))\.(\d+): UDP")]
    private static partial Regex UdpLine();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
