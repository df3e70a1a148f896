using System.Diagnostics.Tracing;

/// <summary>
/// With GITOPS_BENCH_GCS=1, the cold run prints each garbage collection as it starts: its generation, the runtime's
/// reason (GCStart's Reason: 0 small-object allocation budget, 1 induced, 4 large-object allocation budget, …) and
/// its type (0 blocking, 1 background), under the phase that was running.
/// </summary>
internal sealed class GcLog : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    public volatile string Phase = "";

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
        Console.WriteLine($"  gc #{Field("Count")} gen {Field("Depth")} reason {Field("Reason")} type {Field("Type")} in {Phase}");
    }
}
