using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

/// <summary>
/// With GITOPS_BENCH_GCS=1, the cold run prints each garbage collection: its generation, the runtime's reason (GCStart's
/// Reason: 0 small-object allocation budget, 1 induced, 4 large-object allocation budget, …), its type (0 blocking,
/// 1 background) and the phase it started in. Events reach an in-process listener on a dispatcher thread after the fact,
/// so the phase is found from the event's own time stamp against the phases' start times, and the lines are printed
/// once the run is over (<see cref="Print"/>).
/// </summary>
internal sealed class GcLog : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly List<(DateTime Start, string Name)> phases = [];
    private readonly ConcurrentQueue<(DateTime At, string Text)> collections = new();

    /// <summary>Marks the start of the phase <paramref name="name"/>, now.</summary>
    public void Begin(string name)
    {
        lock (phases)
        {
            phases.Add((DateTime.UtcNow, name));
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCStart", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        object? Field(string name) => e.PayloadNames!.IndexOf(name) is var i and >= 0 ? e.Payload[i] : null;
        collections.Enqueue((e.TimeStamp.ToUniversalTime(), $"gc #{Field("Count")} gen {Field("Depth")} reason {Field("Reason")} type {Field("Type")}"));
    }

    /// <summary>Each collection seen so far, with the phase that was running when it started.</summary>
    public void Print()
    {
        lock (phases)
        {
            foreach (var (at, text) in collections.OrderBy(c => c.At))
            {
                var phase = phases.LastOrDefault(p => p.Start <= at).Name ?? "start-up";
                Console.WriteLine($"  {text} in {phase}");
            }
        }
    }
}
