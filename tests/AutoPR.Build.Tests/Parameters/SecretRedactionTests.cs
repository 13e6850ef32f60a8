using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.Parameters;

public sealed class SecretRedactionTests : IDisposable
{
    private const string Token = "tok-8f2a91c4";
    private readonly ParameterHarness _harness = new();

    [Fact]
    public void The_redactor_masks_every_occurrence()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Token);
        Assert.Equal("a *** b ***", redactor.Redact($"a {Token} b {Token}"));
    }

    [Fact]
    public void A_secret_inside_a_longer_secret_does_not_leave_the_rest_visible()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abc");
        redactor.Add("abcdef-123");
        Assert.Equal("*** and ***", redactor.Redact("abcdef-123 and abc"));
    }

    [Fact]
    public void Values_too_short_to_protect_anything_are_not_masked()
    {
        var redactor = new SecretRedactor();
        redactor.Add("on");
        Assert.Equal("done", redactor.Redact("done"));
    }

    [Fact]
    public void The_writer_masks_a_secret_split_across_writes()
    {
        using var inner = new StringWriter();
        var redactor = new SecretRedactor();
        redactor.Add(Token);
        using (var writer = new RedactingTextWriter(inner, redactor))
        {
            writer.Write("token: tok-8f");
            writer.Write('2');
            writer.Write("a91c4".ToCharArray(), 0, 5);
            writer.WriteLine(" end");
            writer.Write($"unterminated {Token}");
        }

        Assert.Equal($"token: *** end{Environment.NewLine}unterminated ***", inner.ToString());
    }

    [Fact]
    public void The_writer_passes_other_text_through_unchanged()
    {
        using var inner = new StringWriter();
        using (var writer = new RedactingTextWriter(inner, new SecretRedactor()))
        {
            writer.WriteLine("plain text");
        }

        Assert.Equal("plain text" + Environment.NewLine, inner.ToString());
    }

    [Fact]
    public void Resolving_a_secret_from_the_command_line_registers_it()
    {
        _harness.Resolve<ParameterBuild>("--api-token", Token);
        Assert.Equal("using ***", _harness.Redactor.Redact($"using {Token}"));
    }

    [Fact]
    public void Resolving_a_secret_from_the_environment_or_a_file_registers_it()
    {
        _harness.Environment["AUTOPR_API_TOKEN"] = Token;
        _harness.WriteFile("parameters.json", """{ "Pin": 482913 }""");
        var build = _harness.Resolve<ParameterBuild>();
        Assert.Equal((Token, 482913), (build.ApiToken, build.Pin));
        Assert.Equal("*** ***", _harness.Redactor.Redact($"{Token} 482913"));
    }

    [Fact]
    public void A_secrets_default_value_is_registered_too()
    {
        _harness.Resolve<DefaultedSecretBuild>();
        Assert.Equal("key=***", _harness.Redactor.Redact("key=preset-key-1234"));
    }

    [Fact]
    public void Values_of_ordinary_parameters_are_not_masked()
    {
        _harness.Resolve<ParameterBuild>("--service-name", "checkout-api");
        Assert.Equal("checkout-api", _harness.Redactor.Redact("checkout-api"));
    }

    [Fact]
    public void A_malformed_secret_is_not_echoed_in_the_error()
    {
        var error = Assert.Throws<UsageException>(() => _harness.Resolve<ParameterBuild>("--pin", "48-secret-29"));
        Assert.DoesNotContain("48-secret-29", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("--pin (command line): the given value is not a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_ordinary_value_is_echoed()
    {
        var error = Assert.Throws<UsageException>(() => _harness.Resolve<ParameterBuild>("--retries", "many"));
        Assert.Contains("'many'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();

    private sealed class DefaultedSecretBuild : NukeBuild
    {
        [Parameter("Signing key")]
        [Secret]
        public string SigningKey { get; set; } = "preset-key-1234";
    }
}
