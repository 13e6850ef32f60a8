namespace AutoPR.LocalEcs.Ports;

/// <summary>A process that holds a listening socket.</summary>
public sealed record PortHolder(int Pid, string? Command)
{
    /// <summary>"pid 4242, dotnet", as stop reasons and health-check failures name it.</summary>
    public override string ToString() => Command is null ? $"pid {Pid}" : $"pid {Pid}, {Command}";
}
