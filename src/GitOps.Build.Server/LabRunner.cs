using System.Collections;
using System.Reflection;

namespace GitOps.Build.Server;

/// <summary>
/// Runs one request: the new lab assembly in a fresh <see cref="LabLoadContext"/>, its entry point called with the
/// request's arguments, the process's console, current directory and environment set to the request's for the run
/// (they are process-wide, so runs are served one at a time), then the context unloaded.
/// </summary>
internal sealed class LabRunner(string key, WarmDependencies dependencies)
{
    /// <summary>The AppContext value <see cref="AppContext.BaseDirectory"/> returns when it is set.</summary>
    private const string BaseDirectoryKey = "APP_CONTEXT_BASE_DIRECTORY";

    /// <summary>Full collections to wait for an unloaded lab context to go (the documented pattern loops 10 times).</summary>
    private const int CollectionRounds = 10;

    private readonly string serverDirectory = AppContext.BaseDirectory;
    private readonly List<WeakReference> unloaded = [];

    public ServerProtocol.Response Run(ServerProtocol.Request request)
    {
        if (request.Key != key)
        {
            return Refuse($"the server's key is {key}, the request's {request.Key}");
        }

        var captured = new CapturedLines();
        var context = new LabLoadContext(request.Assembly, dependencies);
        var directory = Environment.CurrentDirectory;
        try
        {
            var entryPoint = context.LoadLab(request.Assembly).EntryPoint;
            if (entryPoint is null)
            {
                return Refuse($"{request.Assembly} has no entry point");
            }

            SetEnvironment(request.Environment);
            Environment.CurrentDirectory = request.WorkingDirectory;
            // AppContext.BaseDirectory is the lab's folder, as in a process of its own (a lab may read files copied there).
            AppContext.SetData(BaseDirectoryKey, Path.GetDirectoryName(Path.GetFullPath(request.Assembly)) + Path.DirectorySeparatorChar);
            Environment.ExitCode = 0;
            Console.SetOut(captured.Out);
            Console.SetError(captured.Error);
            int exitCode;
            try
            {
                exitCode = Invoke(entryPoint, request.Arguments.ToArray());
            }
            catch (Exception e)
            {
                // Unhandled in the lab's Main: a process would print it and die with the runtime's own code; the
                // client runs the lab out of process, so the user sees exactly that.
                return Refuse($"the lab's entry point threw {e.GetType().FullName}");
            }

            return new ServerProtocol.Response(true, exitCode, captured.Finish(), Environment.ProcessId, "");
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return Refuse($"loading {request.Assembly} failed: {e.Message}");
        }
        finally
        {
            Console.SetOut(TextWriter.Null);
            Console.SetError(TextWriter.Null);
            Environment.CurrentDirectory = directory;
            AppContext.SetData(BaseDirectoryKey, serverDirectory);
            context.Unload();
            unloaded.Add(new WeakReference(context));
        }
    }

    /// <summary>
    /// Collects garbage (after the response is sent, so no build waits for it) and says whether a lab context unloaded
    /// after its run is still alive. Something outside the context then still holds one of its types, and the lab's
    /// code may still be running: a thread or timer the lab started and left (it would write into later builds' logs,
    /// where in a process of its own it died with Main), or a static cache of GitOps.dll or of a dependency that holds a
    /// type of the lab (System.Text.Json's metadata cache of a <c>JsonSerializerOptions</c> does, for an object of the
    /// lab's own class passed to <c>WorkloadBuilder.Object</c>). Then the server exits, as a process would have, and the
    /// next build starts a fresh one. Unloading takes a few collections (the context's finalizers run in between,
    /// learn.microsoft.com "How to use and debug assembly unloadability in .NET": collect and wait in a loop).
    /// </summary>
    public bool LeaksLabs()
    {
        for (var round = 0; round < CollectionRounds && unloaded.Count > 0; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            unloaded.RemoveAll(context => !context.IsAlive);
        }

        return unloaded.Count > 0;
    }

    /// <summary>
    /// Calls <c>Main</c> (<c>int</c> or <c>void</c>, with or without <c>string[] args</c>; an <c>async</c> Main's entry
    /// point is the compiler's synchronous wrapper, a returned task is awaited all the same). A <c>void</c> Main's
    /// exit code is <see cref="Environment.ExitCode"/>, as for a process.
    /// </summary>
    private static int Invoke(MethodInfo entryPoint, string[] arguments)
    {
        object?[] parameters = entryPoint.GetParameters().Length == 0 ? [] : [arguments];
        var result = entryPoint.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, parameters, culture: null);
        switch (result)
        {
            case int code:
                return code;
            case Task<int> task:
                return task.GetAwaiter().GetResult();
            case Task task:
                task.GetAwaiter().GetResult();
                return Environment.ExitCode;
            default:
                return Environment.ExitCode;
        }
    }

    /// <summary>Makes the process environment exactly <paramref name="environment"/>.</summary>
    private static void SetEnvironment(IReadOnlyList<KeyValuePair<string, string>> environment)
    {
        var wanted = environment.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        foreach (DictionaryEntry current in Environment.GetEnvironmentVariables())
        {
            if (current.Key is string name && !wanted.ContainsKey(name))
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        foreach (var (name, value) in wanted)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static ServerProtocol.Response Refuse(string reason) => new(false, 0, [], Environment.ProcessId, reason);
}
