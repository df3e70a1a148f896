using System.Runtime.InteropServices;
using RouteFix.Netlink;

namespace RouteFix;

/// <summary>
/// stdin, stdout or stderr as a plain read(2)/write(2) stream. Not System.Console (its terminal and signal
/// set-up costs a thread and start-up time on every CNI call) and not FileStream (which writes at its own
/// offset when fd 1 is a regular file, instead of where the shell's redirection put it).
/// </summary>
public sealed unsafe class FileDescriptorStream(int fd, FileAccess access) : Stream
{
    public override bool CanRead => access == FileAccess.Read;

    public override bool CanWrite => access == FileAccess.Write;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                var read = Interop.Read(fd, bytes, (nuint)buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw new IOException($"read fd {fd}: {Errno.Describe(errno)}");
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var written = Interop.Write(fd, bytes + done, (nuint)(buffer.Length - done));
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw new IOException($"write fd {fd}: {Errno.Describe(errno)}");
                }
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
