using System.Text;

namespace AutoPR.Build;

/// <summary>
/// Wraps stdout/stderr so that no secret reaches them, whoever writes (Serilog, Spectre, a tool's output).
/// Text is held until a line ends, so a secret split across writes is still masked.
/// </summary>
internal sealed class RedactingTextWriter(TextWriter inner, SecretRedactor redactor) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n')
        {
            Flush();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        _line.Append(value);
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            Flush();
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(redactor.Redact(_line.ToString()));
            _line.Clear();
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
