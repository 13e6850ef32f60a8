using System.Text.Json;
using AutoPR.LocalEcs.Ecs.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.LocalEcs.State;

/// <summary>
/// Owns the ECS state: every read and change goes through one lock, and every change is written to the
/// state directory before the lock is released, so a restart sees exactly what clients were told.
/// </summary>
public sealed class EcsStore : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string? _path;
    private readonly ILogger _logger;
    private EcsState _state = new();

    /// <summary>Creates a store persisted at <paramref name="path"/>; null keeps it in memory (unit tests).</summary>
    public EcsStore(string? path, ILogger<EcsStore>? logger = null)
    {
        _path = path;
        _logger = logger ?? NullLogger<EcsStore>.Instance;
        if (_path is not null && File.Exists(_path))
        {
            _state = JsonSerializer.Deserialize<EcsState>(File.ReadAllText(_path), StateJson.Options) ?? new EcsState();
            _logger.LogInformation("Loaded state from {Path}: {Services} services, {Tasks} tasks", _path, _state.Services.Count, _state.Tasks.Count);
        }
    }

    public async Task<T> ReadAsync<T>(Func<EcsState, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return read(_state);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<T> WriteAsync<T>(Func<EcsState, T> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = write(_state);
            Persist();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task WriteAsync(Action<EcsState> write, CancellationToken cancellationToken) =>
        WriteAsync<bool>(state => { write(state); return true; }, cancellationToken);

    public void Dispose() => _gate.Dispose();

    private void Persist()
    {
        if (_path is null)
        {
            return;
        }

        AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(_state, StateJson.Options));
    }
}
