package io.encsync.jenkins.steps;

import hudson.FilePath;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.encsync.jenkins.support.Forms;
import io.encsync.jenkins.support.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jvnet.localizer.Localizable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What all encsync steps share: they need a workspace (so in Pipeline they run inside
 * {@code node}), the form checks of their own fields (the settings they hold check theirs), and
 * flat Pipeline arguments.
 *
 * <p><b>Flat arguments.</b> A step holds its settings by composition ({@code s3:} an
 * {@link io.encsync.jenkins.settings.S3Location}, {@code crypt:} a
 * {@link io.encsync.jenkins.settings.CryptRemote}), yet a Pipeline may write every parameter of
 * those flat, as {@code s3EncryptedPush source: 'out', bucket: 'b', passwordCredentialsId: 'pw'}.
 * {@link #customInstantiate} moves each argument that is no parameter of the step but a parameter
 * of one of its nested settings into that setting, so a parameter added to a setting is accepted
 * flat without a line here; {@link #customUninstantiate} writes them flat again, so the Snippet
 * Generator and the step view show the same syntax as the README. The nested form
 * ({@code s3: s3Location(bucket: 'b')}) works too.
 *
 * <p>Every form method is {@code @POST} (Stapler does not route a GET to it at all, so a GET gets
 * 404) and answers only users who may configure the job, or administer Jenkins outside a job.
 */
@Restricted(NoExternalUse.class)
public abstract class EncsyncStepDescriptor extends StepDescriptor implements CustomDescribableModel {
    private final String functionName;
    private final Localizable displayName;

    protected EncsyncStepDescriptor(String functionName, Localizable displayName) {
        this.functionName = functionName;
        this.displayName = displayName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getDisplayName() {
        return displayName.toString();
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, FilePath.class, TaskListener.class);
    }

    /** The step's parameters that hold a settings describable, with that describable's parameter names. */
    private Map<String, Set<String>> nestedSettings() {
        Map<String, Set<String>> nested = new LinkedHashMap<>();
        for (DescribableParameter p : DescribableModel.of(clazz).getParameters()) {
            Class<?> type = p.getErasedType();
            if (Describable.class.isAssignableFrom(type) && type.getPackageName().equals(SETTINGS)) {
                Set<String> names = new TreeSet<>();
                DescribableModel.of(type).getParameters().forEach(q -> names.add(q.getName()));
                nested.put(p.getName(), names);
            }
        }
        return nested;
    }

    private static final String SETTINGS = "io.encsync.jenkins.settings";

    @Override
    public Map<String, Object> customInstantiate(Map<String, Object> arguments) {
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        Set<String> own = DescribableModel.of(clazz).getParameters().stream().map(DescribableParameter::getName)
                .collect(java.util.stream.Collectors.toSet());
        for (Map.Entry<String, Set<String>> n : nestedSettings().entrySet()) {
            Map<String, Object> flat = new LinkedHashMap<>();
            for (String name : n.getValue()) {
                if (!own.contains(name) && out.containsKey(name)) {
                    flat.put(name, out.remove(name));
                }
            }
            if (flat.isEmpty()) {
                continue;
            }
            if (out.containsKey(n.getKey())) {
                throw new IllegalArgumentException(Messages.EncsyncStepDescriptor_FlatAndNested(n.getKey(),
                        n.getValue(), flat.keySet()));
            }
            out.put(n.getKey(), flat);
        }
        return out;
    }

    @Override
    public UninstantiatedDescribable customUninstantiate(UninstantiatedDescribable ud) {
        Map<String, Object> args = new LinkedHashMap<>(ud.getArguments());
        for (String key : nestedSettings().keySet()) {
            if (args.get(key) instanceof UninstantiatedDescribable nested) {
                List<String> clash = new ArrayList<>(nested.getArguments().keySet());
                clash.retainAll(args.keySet());
                if (clash.isEmpty()) {
                    args.remove(key);
                    args.putAll(nested.getArguments());
                }
            }
        }
        return ud.withArguments(args);
    }

    @POST
    public FormValidation doCheckIncludes(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkGlobs(item, value);
    }

    @POST
    public FormValidation doCheckExcludes(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkGlobs(item, value);
    }

    @POST
    public FormValidation doCheckTransfers(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkTransfers(item, value);
    }

    @POST
    public FormValidation doCheckSource(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkSource(item, value);
    }

    @POST
    public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkFolder(item, "target", value);
    }
}
