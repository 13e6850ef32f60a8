using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Ecs;

/// <summary>Adds service events the way ECS does: newest first, a bounded list.</summary>
public static class ServiceEvents
{
    private const int Capacity = 100;

    public static void Add(ServiceRecord service, DateTimeOffset now, string message)
    {
        service.Events.Insert(0, new ServiceEventRecord(Guid.NewGuid().ToString(), now, $"(service {service.Name}) {message}"));
        if (service.Events.Count > Capacity)
        {
            service.Events.RemoveRange(Capacity, service.Events.Count - Capacity);
        }
    }
}
