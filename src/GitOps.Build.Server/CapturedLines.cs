using System.Text;

namespace GitOps.Build.Server;

/// <summary>
/// What a run prints to stdout and stderr, as lines in the order they were written: the same lines the task gets
/// from a generator process (it splits each stream at line breaks and drops them), with which stream each came from.
/// </summary>
internal sealed class CapturedLines
{
    private readonly List<(bool IsError, string Text)> lines = [];

    public CapturedLines()
    {
        Out = new LineWriter(this, isError: false);
        Error = new LineWriter(this, isError: true);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Every complete line, then what is left of an unfinished last line of each stream.</summary>
    public IReadOnlyList<(bool IsError, string Text)> Finish()
    {
        Out.Flush();
        Error.Flush();
        lock (lines)
        {
            return lines.ToArray();
        }
    }

    private void Add(bool isError, string text)
    {
        lock (lines)
        {
            lines.Add((isError, text));
        }
    }

    private sealed class LineWriter(CapturedLines owner, bool isError) : TextWriter
    {
        private readonly StringBuilder pending = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (pending)
            {
                if (value == '\n')
                {
                    EmitPending();
                }
                else
                {
                    pending.Append(value);
                }
            }
        }

        public override void Write(string? value)
        {
            if (value is null)
            {
                return;
            }

            lock (pending)
            {
                var start = 0;
                for (var newline = value.IndexOf('\n'); newline >= 0; newline = value.IndexOf('\n', start))
                {
                    pending.Append(value, start, newline - start);
                    EmitPending();
                    start = newline + 1;
                }

                pending.Append(value, start, value.Length - start);
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        /// <summary>An unfinished last line is a line too (a process's output ends there).</summary>
        public override void Flush()
        {
            lock (pending)
            {
                if (pending.Length > 0)
                {
                    EmitPending();
                }
            }
        }

        private void EmitPending()
        {
            // A lone "\r" ends a line for the task's line reader too, and "\r\n" is one line break.
            var text = pending.ToString();
            pending.Clear();
            var parts = text.Split('\r');
            var count = text.EndsWith('\r') ? parts.Length - 1 : parts.Length;
            for (var i = 0; i < count; i++)
            {
                owner.Add(isError, parts[i]);
            }
        }
    }
}
