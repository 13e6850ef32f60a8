using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ecs.Operations;

/// <summary>ContinueServiceDeployment: settles a PAUSE hook that awaits action; the reconciler goes on (or rolls back) at its next pass.</summary>
public sealed class LifecycleHookOperations(EcsStore store, TimeProvider time)
{
    public Task<JsonObject> ContinueAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var arn = request.RequiredText("serviceDeploymentArn");
            var hookId = request.RequiredText("hookId");
            var action = request.Text("action") ?? "CONTINUE";
            if (action is not ("CONTINUE" or "ROLLBACK"))
            {
                throw request.Invalid($"action must be CONTINUE or ROLLBACK (got {action}).");
            }

            var (service, deployment) = EcsLookup.FindServiceDeployment(state, arn)
                ?? throw new AwsServiceException("ServiceDeploymentNotFoundException", "The service deployment does not exist.");
            var hook = deployment.LifecycleHookDetails.FirstOrDefault(h => h.HookId == hookId);
            if (hook is not { Status: "AWAITING_ACTION" } || deployment.Status != "IN_PROGRESS")
            {
                var waiting = deployment.Status == "IN_PROGRESS" ? deployment.LifecycleHookDetails.FirstOrDefault(h => h.Status == "AWAITING_ACTION") : null;
                var problem = hook is null
                    ? $"The service deployment has no lifecycle hook {hookId}"
                    : $"Lifecycle hook {hookId} is {(hook.Status == "AWAITING_ACTION" ? "on a deployment that is " + deployment.Status : hook.Status)}, not AWAITING_ACTION";
                throw request.Invalid(problem + (waiting is null
                    ? "; no lifecycle hook of this service deployment awaits action."
                    : $"; lifecycle hook {waiting.HookId} awaits action at {waiting.Stage}."));
            }

            var now = time.GetUtcNow();
            if (action == "CONTINUE")
            {
                hook.Status = "SUCCEEDED";
                ServiceEvents.Add(service, now, $"(deployment {deployment.DeploymentId}) lifecycle hook {hook.HookId} at {hook.Stage} continued by ContinueServiceDeployment.");
            }
            else
            {
                // The scheduler rolls back at its next pass, as it does for StopServiceDeployment.
                hook.Status = "FAILED";
                deployment.Status = "ROLLBACK_REQUESTED";
                deployment.RequestedRollbackReason = $"Service deployment rolled back by ContinueServiceDeployment (action ROLLBACK) at {hook.Stage}.";
                ServiceEvents.Add(service, now, $"(deployment {deployment.DeploymentId}) lifecycle hook {hook.HookId} at {hook.Stage}: ContinueServiceDeployment asked for a rollback.");
            }

            deployment.UpdatedAt = now;
            return new JsonObject { ["serviceDeploymentArn"] = deployment.Arn };
        }, cancellationToken);
}
