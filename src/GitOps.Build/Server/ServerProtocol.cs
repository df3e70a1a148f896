using System.Text;

namespace GitOps.Build.Server;

/// <summary>
/// The messages between the task (client) and a generator build server, over one pipe connection per run:
/// the client writes a <see cref="Request"/>, the server answers with a <see cref="Response"/> once the run is over.
/// Length-prefixed UTF-8 strings (<see cref="BinaryWriter"/>). Compiled into both the task and the server.
/// </summary>
internal static class ServerProtocol
{
    /// <summary>Part of the server key: a task and a server of different versions never talk.</summary>
    public const int Version = 1;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>One run of the lab: its assembly, its arguments, the folder and environment it runs in.</summary>
    /// <param name="Key">The client's <see cref="ServerKey"/>; a server with another key refuses the request.</param>
    /// <param name="Assembly">The lab assembly (loaded afresh from its bytes).</param>
    /// <param name="Arguments">The arguments of its entry point (<c>--output &lt;dir&gt;</c>).</param>
    /// <param name="WorkingDirectory">The current directory during the run (the project folder).</param>
    /// <param name="Environment">Every environment variable the run sees (what a process started by the task would inherit).</param>
    public sealed record Request(
        string Key, string Assembly, IReadOnlyList<string> Arguments, string WorkingDirectory,
        IReadOnlyList<KeyValuePair<string, string>> Environment);

    /// <summary>
    /// The outcome of a run. <c>Ran</c> false: the server did not run the lab to the end (refused, or its entry point
    /// threw); <c>Reason</c> says why and the client runs the lab out of process instead. <c>Lines</c>: what the lab
    /// printed, in order (true for stderr; each line without its line break). <c>ServerProcessId</c>: for the log.
    /// </summary>
    public sealed record Response(bool Ran, int ExitCode, IReadOnlyList<(bool IsError, string Text)> Lines, int ServerProcessId, string Reason);

    public static void Write(Stream stream, Request request)
    {
        using var writer = new BinaryWriter(stream, Utf8, leaveOpen: true);
        writer.Write(Version);
        writer.Write(request.Key);
        writer.Write(request.Assembly);
        writer.Write(request.Arguments.Count);
        foreach (var argument in request.Arguments)
        {
            writer.Write(argument);
        }

        writer.Write(request.WorkingDirectory);
        writer.Write(request.Environment.Count);
        foreach (var (name, value) in request.Environment)
        {
            writer.Write(name);
            writer.Write(value);
        }

        writer.Flush();
    }

    /// <summary>Reads a request; throws <see cref="InvalidDataException"/> for another protocol version.</summary>
    public static Request ReadRequest(Stream stream)
    {
        using var reader = new BinaryReader(stream, Utf8, leaveOpen: true);
        var version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"protocol version {version}, expected {Version}");
        }

        var key = reader.ReadString();
        var assembly = reader.ReadString();
        var arguments = new string[reader.ReadInt32()];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = reader.ReadString();
        }

        var workingDirectory = reader.ReadString();
        var environment = new KeyValuePair<string, string>[reader.ReadInt32()];
        for (var i = 0; i < environment.Length; i++)
        {
            environment[i] = new(reader.ReadString(), reader.ReadString());
        }

        return new Request(key, assembly, arguments, workingDirectory, environment);
    }

    public static void Write(Stream stream, Response response)
    {
        using var writer = new BinaryWriter(stream, Utf8, leaveOpen: true);
        writer.Write(response.Ran);
        writer.Write(response.ExitCode);
        writer.Write(response.ServerProcessId);
        writer.Write(response.Reason);
        writer.Write(response.Lines.Count);
        foreach (var (isError, text) in response.Lines)
        {
            writer.Write(isError);
            writer.Write(text);
        }

        writer.Flush();
    }

    /// <summary>Reads a response; <see cref="EndOfStreamException"/> when the server went away before answering.</summary>
    public static Response ReadResponse(Stream stream)
    {
        using var reader = new BinaryReader(stream, Utf8, leaveOpen: true);
        var ran = reader.ReadBoolean();
        var exitCode = reader.ReadInt32();
        var processId = reader.ReadInt32();
        var reason = reader.ReadString();
        var lines = new (bool, string)[reader.ReadInt32()];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = (reader.ReadBoolean(), reader.ReadString());
        }

        return new Response(ran, exitCode, lines, processId, reason);
    }
}
