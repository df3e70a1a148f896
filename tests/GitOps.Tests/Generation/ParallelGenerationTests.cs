using System.Text;
using System.Text.Json;
using GitOps.Output;
using GitOps.Topology;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// A large lab is emitted, serialized, validated and rendered on every core (<see cref="ParallelChunks"/>, issue 20).
/// Only the time may change: the files, their bytes and the problems and their order are those of doing the same work
/// one item at a time. Each test uses a set above <see cref="ParallelChunks.ParallelFrom"/>, so it takes the parallel path.
/// </summary>
public sealed class ParallelGenerationTests
{
    private const int Attachments = 3 * ParallelChunks.ParallelFrom / 2; // 768 NADs: 12 chunks

    [Fact]
    public void A_large_lab_renders_the_same_bytes_as_rendering_each_file_alone()
    {
        SkipOnOneCore();
        var lab = LargeLab();

        var rendered = LabGenerator.GenerateRendered(lab); // emit, JSON, validation and render in parallel
        var oneByOne = LabGenerator.Emit(lab).Files.Select(YamlRenderer.Render).ToArray(); // each file alone, in order

        Assert.True(rendered.Count > ParallelChunks.ParallelFrom, $"{rendered.Count} files do not take the parallel path");
        Assert.Equal(oneByOne.Select(f => f.RelativePath), rendered.Select(f => f.RelativePath));
        for (var i = 0; i < rendered.Count; i++)
        {
            Assert.True(oneByOne[i].Content.AsSpan().SequenceEqual(rendered[i].Content),
                $"{rendered[i].RelativePath} differs:\n{Encoding.UTF8.GetString(rendered[i].Content)}\n--- alone:\n{Encoding.UTF8.GetString(oneByOne[i].Content)}");
        }
    }

    [Fact]
    public void The_attachments_files_come_in_the_attachments_order()
    {
        var lab = LargeLab();

        var names = Networks.NetworkAttachmentEmitter.Emit(lab).Select(f => f.Name).ToArray();

        Assert.Equal(lab.Attachments.Select(a => $"networkattachmentdefinition-{a.Namespace}-{a.Name}.yaml"), names);
    }

    [Fact]
    public void A_large_sets_problems_are_those_of_its_files_validated_one_by_one_in_the_same_order()
    {
        SkipOnOneCore();
        // Problems in many chunks: an object of a kind without a schema (a warning), a ConfigMap with a bad label.
        var files = Enumerable.Range(0, Attachments).Select(i => new ManifestFile($"f/{i:D4}.yaml", [JsonDocument.Parse(i % 3 == 0
            ? "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Unknown" + i + "\",\"metadata\":{\"name\":\"u" + i + "\"}}"
            : "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + i + "\",\"labels\":{\"bad key " + i + "\":\"x\"}}}").RootElement]))
            .ToArray();

        var together = ManifestValidator.Shared.Validate(new ManifestSet(files));
        var oneByOne = files.SelectMany(f => ManifestValidator.Shared.Validate(new ManifestSet([f]))).ToArray();

        Assert.Equal(files.Length, together.Select(p => p.Path.Split('#')[0]).Distinct().Count()); // problems in every file
        Assert.Equal(oneByOne.Select(p => (p.Code, p.Severity, p.Path, p.Message)), together.Select(p => (p.Code, p.Severity, p.Path, p.Message)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ParallelChunks.ChunkSize)]
    [InlineData(ParallelChunks.ParallelFrom - 1)]
    [InlineData(ParallelChunks.ParallelFrom)]
    [InlineData(ParallelChunks.ParallelFrom + ParallelChunks.ChunkSize + 1)]
    public void Every_item_is_done_once_in_its_chunk(int count)
    {
        var done = new int[count];
        var chunkOf = new int[count];

        ParallelChunks.Run(count, () => new object(), (_, chunk, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                Interlocked.Increment(ref done[i]);
                chunkOf[i] = chunk;
            }
        }, _ => { });

        Assert.All(done, times => Assert.Equal(1, times));
        Assert.Equal(Enumerable.Range(0, count).Select(i => i / ParallelChunks.ChunkSize), chunkOf);
        Assert.Equal(count == 0 ? 0 : chunkOf[^1] + 1, ParallelChunks.Chunks(count));
    }

    [Fact]
    public void When_several_chunks_throw_the_lowest_chunks_exception_comes_out_every_time()
    {
        SkipOnOneCore();
        for (var run = 0; run < 20; run++)
        {
            var thrown = Assert.Throws<InvalidOperationException>(() => ParallelChunks.For(ParallelChunks.ParallelFrom * 4, i =>
            {
                if (i % ParallelChunks.ChunkSize == 0 && i >= 5 * ParallelChunks.ChunkSize)
                {
                    // Chunks from 5 on throw; chunk 5 last in time, so the first exception thrown is a higher chunk's.
                    Thread.Sleep(i == 5 * ParallelChunks.ChunkSize ? 30 : 0);
                    throw new InvalidOperationException($"chunk {i / ParallelChunks.ChunkSize}");
                }
            }));

            Assert.Equal("chunk 5", thrown.Message);
        }
    }

    [Theory]
    [InlineData(ParallelChunks.ParallelFrom - 1)]
    [InlineData(ParallelChunks.ParallelFrom * 2)]
    public void What_an_item_throws_comes_out_as_it_was_thrown_and_every_worker_is_released(int count)
    {
        var made = 0;
        var released = 0;

        var thrown = Assert.Throws<InvalidOperationException>(() => ParallelChunks.Run(count,
            () => Interlocked.Increment(ref made),
            (_, _, start, end) =>
            {
                if (start <= count - 10 && count - 10 < end)
                {
                    throw new InvalidOperationException("item failed");
                }
            },
            _ => Interlocked.Increment(ref released)));

        Assert.Equal("item failed", thrown.Message);
        Assert.True(made >= 1);
        Assert.Equal(made, released);
    }

    /// <summary>On one core everything runs on the calling thread, and these tests would pass without testing the parallel path.</summary>
    private static void SkipOnOneCore() =>
        Assert.SkipWhen(Environment.ProcessorCount == 1, "one core: ParallelChunks runs every chunk on the calling thread");

    /// <summary>Five namespaces, so neighbouring files differ.</summary>
    private static Lab LargeLab() => Support.LargeLab.Build("parallel", Attachments, i => $"ns-{i % 5}/layer2-{i}");
}
