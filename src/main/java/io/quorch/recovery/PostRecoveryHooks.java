package io.quorch.recovery;

import java.util.List;

import io.quorch.config.RecoveryConfig;

/**
 * The hooks that end a recovery: PostMasterFailoverProcesses (or PostIntermediateMasterFailoverProcesses)
 * and PostFailoverProcesses when a successor took over, else PostUnsuccessfulFailoverProcesses. Each result
 * is written as a step when it can be; a step that cannot be written does not stop the next hook.
 */
final class PostRecoveryHooks {

    private final HookRunner hooks;
    private final RecoveryConfig config;

    PostRecoveryHooks(HookRunner hooks, RecoveryConfig config) {
        this.hooks = hooks;
        this.config = config;
    }

    void run(RecoveryContext ctx, HookContext hc, boolean ok, boolean master) {
        if (ok) {
            var specific = master ? config.hooks().postMasterFailover() : config.hooks().postIntermediateMasterFailover();
            run(ctx, master ? "PostMasterFailoverProcesses" : "PostIntermediateMasterFailoverProcesses",
                    specific.orElse(List.of()), hc);
            run(ctx, "PostFailoverProcesses", config.hooks().postFailover().orElse(List.of()), hc);
        } else {
            run(ctx, "PostUnsuccessfulFailoverProcesses", config.hooks().postUnsuccessfulFailover().orElse(List.of()),
                    hc);
        }
    }

    private void run(RecoveryContext ctx, String stage, List<String> commands, HookContext hc) {
        hooks.run(stage, commands, hc, false,
                r -> ctx.note(stage + ": exit " + r.exitCode() + ": " + r.command() + RecoveryService.out(r)));
    }
}
