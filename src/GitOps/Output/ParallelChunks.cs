using System.Runtime.ExceptionServices;

namespace GitOps.Output;

/// <summary>
/// Work over the items <c>[0, count)</c> in consecutive chunks of <see cref="ChunkSize"/>, on every core when there are at
/// least <see cref="ParallelFrom"/> items (else in order on the calling thread). The caller keeps each chunk's results at
/// the chunk's index and reads them in order, so what comes out is the same, byte for byte, as a serial run: only the
/// time changes. Each worker (from <c>newWorker</c>) is used by one thread at a time.
/// </summary>
internal static class ParallelChunks
{
    /// <summary>Items per chunk: small enough to share a 10,000-file lab's uneven files evenly between the cores, large
    /// enough that scheduling a chunk costs nothing next to rendering or validating 64 objects.</summary>
    public const int ChunkSize = 64;

    /// <summary>The item count from which the work is shared between cores. A smaller set (the sample lab's 31 files) runs
    /// on the calling thread: starting thread-pool threads, and in a JIT process compiling the parallel loop, costs
    /// milliseconds that such a set does not win back (docs/performance.md, "On every core").</summary>
    public const int ParallelFrom = 512;

    /// <summary>The number of chunks <paramref name="count"/> items make.</summary>
    public static int Chunks(int count) => (count + ChunkSize - 1) / ChunkSize;

    /// <summary>Calls <paramref name="item"/>(i) once for every item, for work that needs no state of its own and puts
    /// each result at its index.</summary>
    /// <exception cref="Exception">What an item threw, as <see cref="Run{TWorker}"/>.</exception>
    public static void For(int count, Action<int> item) =>
        Run(count, static () => 0, (_, _, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                item(i);
            }
        }, static _ => { });

    /// <summary>
    /// Calls <paramref name="body"/>(worker, chunk, start, end) once for every chunk, <c>start</c> inclusive, <c>end</c>
    /// exclusive; then <paramref name="release"/> for each worker made, also when a chunk threw.
    /// </summary>
    /// <exception cref="Exception">What a chunk threw, as it was thrown (not wrapped in an <see cref="AggregateException"/>);
    /// when several threw, the lowest chunk's, as a serial run would: the same on every run.</exception>
    public static void Run<TWorker>(int count, Func<TWorker> newWorker, Action<TWorker, int, int, int> body, Action<TWorker> release)
    {
        var chunks = Chunks(count);
        if (count < ParallelFrom || Environment.ProcessorCount == 1)
        {
            var worker = newWorker();
            try
            {
                for (var chunk = 0; chunk < chunks; chunk++)
                {
                    body(worker, chunk, chunk * ChunkSize, Math.Min(count, (chunk + 1) * ChunkSize));
                }
            }
            finally
            {
                release(worker);
            }

            return;
        }

        var workers = new List<TWorker>();
        var failures = new ExceptionDispatchInfo?[chunks]; // by chunk: the lowest chunk's exception is the one a serial run throws
        try
        {
            Parallel.For(0, chunks,
                () =>
                {
                    var worker = newWorker();
                    lock (workers)
                    {
                        workers.Add(worker);
                    }

                    return worker;
                },
                (chunk, loop, worker) =>
                {
                    try
                    {
                        body(worker, chunk, chunk * ChunkSize, Math.Min(count, (chunk + 1) * ChunkSize));
                    }
                    catch (Exception e)
                    {
                        failures[chunk] = ExceptionDispatchInfo.Capture(e);
                        loop.Break(); // chunks above this one need not start; those below still run, so the lowest failure is found
                    }

                    return worker;
                },
                _ => { });
        }
        finally
        {
            foreach (var worker in workers)
            {
                release(worker);
            }
        }

        Array.Find(failures, failure => failure is not null)?.Throw();
    }
}
