using System.Text.RegularExpressions;
using Simulation.Tests.Cli;
using Simulation.Tests.Hardening;
using Simulation.Tests.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Simulation.Tests.Distributed;

/// <summary>
/// Issue 21: the deployment recipes in deploy/, run as far as the suite can without a container runtime, a cluster or
/// a Slurm controller (deploy/test/ runs the Slurm recipe on a real one-node Slurm and the image under podman, as root,
/// outside the suite). The Slurm scripts run as they are, under the environment Slurm gives an array task, against the real
/// sim; the Kubernetes manifests are read with a YAML parser, checked for what the Indexed Job needs, and their sim
/// command lines run with the index in the environment as the kubelet sets it; the Dockerfile publishes as README says.
/// Every way ends in a merge that must equal the whole sweep byte for byte.
/// </summary>
[NonParallelizable]
public partial class DeployRecipeTests
{
    private static string Deploy(string file) => TestModels.PathOf("deploy", file);

    /// <summary>An experiment of 16 chunks, so that each of 16 shards has one.</summary>
    private static string WriteExperiment(ExperimentFiles files) => files.Write("experiment.json", ExperimentFiles.Experiment("""
        "seed": 5, "scenarios": [ { "name": "base" }, { "name": "fast", "set": { "Rate": 0.2 } } ],
        "uncertainty": { "design": "latinHypercube", "samples": 32, "inputs": [ { "input": "Rate", "distribution": "uniform", "min": 0.5, "max": 1.5, "apply": "multiply" } ] },
        "outcomes": [ { "name": "left", "value": "Stock" } ], "outputs": { "chunk": 2 }
        """));

    private static void AssertSameOutputs(string whole, string merged)
    {
        var names = Directory.GetFiles(whole).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).ToList();
        Assert.That(names, Does.Contain("summary.json").And.Contain("outcomes.parquet"));
        foreach (var name in names)
            Assert.That(File.ReadAllBytes(Path.Combine(merged, name!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, name!))), name);
    }

    private static (int ExitCode, string Output) Bash(string folder, Dictionary<string, string> environment, params string[] args)
    {
        var run = SimProcess.RunProgram("bash", folder, environment, args);
        return (run.ExitCode, run.Stdout + run.Stderr);
    }

    /// <summary>A stand-in for the published sim: the sim built beside the tests.</summary>
    private static string SimCommand(ExperimentFiles files)
    {
        string path = files.Write("sim.sh", $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "sim.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [GeneratedRegex(@"^#SBATCH (--[a-z-]+)(?:=(\S+))?", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [Test]
    public void SlurmArray_EachTaskRunsItsShard_AndTheMergeIsTheWholeSweep()
    {
        string script = File.ReadAllText(Deploy("slurm-array.sh"));
        var directives = Directive().Matches(script).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.That(directives["--array"], Is.EqualTo("0-15"));
        Assert.That(directives, Does.ContainKey("--requeue"), "a preempted task is requeued and resumes");
        Assert.That(Directive().Matches(File.ReadAllText(Deploy("slurm-merge.sh"))).Select(m => m.Groups[1].Value), Does.Contain("--job-name"));

        using var files = new ExperimentFiles();
        WriteExperiment(files);
        string sim = SimCommand(files);
        // As `sbatch --array=0-2 deploy/slurm-array.sh experiment.json results` would run it, tasks in reverse order;
        // task 1 runs twice, as a requeued task does, and once more resubmitted alone (SHARDS=3 sbatch --array=1 ...).
        Dictionary<string, string> Task(int id, int min, int max, string? shards = null)
        {
            var environment = new Dictionary<string, string>
            {
                ["SIM"] = sim, ["SLURM_ARRAY_TASK_ID"] = $"{id}", ["SLURM_ARRAY_TASK_MIN"] = $"{min}", ["SLURM_ARRAY_TASK_MAX"] = $"{max}",
                ["SLURM_ARRAY_TASK_COUNT"] = $"{max - min + 1}", ["SLURM_CPUS_PER_TASK"] = "2",
            };
            if (shards is not null) environment["SHARDS"] = shards;
            return environment;
        }
        foreach (var (id, min, max, shards) in new[] { (2, 0, 2, null), (1, 0, 2, null), (0, 0, 2, null), (1, 0, 2, null), (1, 1, 1, "3") })
        {
            var (exit, output) = Bash(files.Folder, Task(id, min, max, shards), Deploy("slurm-array.sh"), "experiment.json", "results");
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Contain($"shard {id}/3"));
        }
        // Resubmitted alone without SHARDS, the array's size (1) is not the number of shards: a clear error, nothing run.
        var alone = Bash(files.Folder, Task(1, 1, 1), Deploy("slurm-array.sh"), "experiment.json", "results");
        Assert.That(alone.ExitCode, Is.EqualTo(2), alone.Output);
        Assert.That(alone.Output, Does.Contain("SHARDS=N"));
        Assert.That(Directory.GetDirectories(Path.Combine(files.Folder, "results")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "shard-0", "shard-1", "shard-2" }));
        var merge = Bash(files.Folder, new() { ["SIM"] = sim }, Deploy("slurm-merge.sh"), "results");
        Assert.That(merge.ExitCode, Is.Zero, merge.Output);
        var whole = Bash(files.Folder, new(), sim, "sweep", "experiment.json", "--output", "whole");
        Assert.That(whole.ExitCode, Is.Zero, whole.Output);
        AssertSameOutputs(files.PathOf("whole"), files.PathOf("results/merged"));

        // Outside an array, the script's --shard auto is a clear error, not a sweep of everything.
        var outside = Bash(files.Folder, new() { ["SIM"] = sim }, Deploy("slurm-array.sh"), "experiment.json", "results2");
        Assert.That(outside.ExitCode, Is.Not.Zero, outside.Output);
        Assert.That(outside.Output, Does.Contain("not a task of a Slurm job array"));
        Assert.That(Directory.Exists(files.PathOf("results2")), Is.False);
    }

    private static YamlMappingNode Manifest(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Deploy(file)));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key])).Value!;

    private static YamlMappingNode Container(YamlMappingNode job) => (YamlMappingNode)((YamlSequenceNode)job["spec"]["template"]["spec"]["containers"]).Single();

    [Test]
    public void KubernetesIndexedJob_IsWhatAnIndexedJobNeeds_AndItsPodsCommandsMergeToTheWholeSweep()
    {
        var job = Manifest("kubernetes-indexed-job.yaml");
        Assert.That((Scalar(job, "apiVersion"), Scalar(job, "kind")), Is.EqualTo(("batch/v1", "Job")));
        Assert.That(Scalar(job, "spec", "completionMode"), Is.EqualTo("Indexed"));
        int completions = int.Parse(Scalar(job, "spec", "completions"));
        Assert.That(Scalar(job, "spec", "template", "spec", "restartPolicy"), Is.EqualTo("Never"), "backoffLimitPerIndex needs restartPolicy Never");
        var disruption = (YamlMappingNode)((YamlSequenceNode)job["spec"]["podFailurePolicy"]["rules"]).Single();
        Assert.That((Scalar(disruption, "action"), Scalar(((YamlSequenceNode)disruption["onPodConditions"]).Single(), "type")), Is.EqualTo(("Ignore", "DisruptionTarget")),
            "a preempted pod (SIGTERM: sim stops cleanly) is run again without counting against the index's retries");
        Assert.That(Scalar(job, "spec", "template", "spec", "securityContext", "runAsUser"), Is.EqualTo("1654"), "the .NET images' user app (deploy/Dockerfile: USER $APP_UID)");
        var container = Container(job);
        var args = ((YamlSequenceNode)container["args"]).Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.That(args[0], Is.EqualTo("sweep"));
        Assert.That(args[args.IndexOf("--shard") + 1], Is.EqualTo($"auto/{completions}"), "--shard auto/N with N = completions");
        Assert.That(args, Does.Contain("--resume"), "a restarted pod resumes its shard");
        string mount = Scalar(((YamlSequenceNode)container["volumeMounts"]).Single(), "mountPath");
        Assert.That(args[args.IndexOf("--output") + 1], Does.StartWith(mount + "/").And.Contain("$(JOB_COMPLETION_INDEX)"));
        Assert.That(args[1], Does.StartWith(mount + "/"), "the experiment is read from the shared volume");

        // Every pod's command line, as the kubelet expands it (JOB_COMPLETION_INDEX set by the Job controller), with the
        // shared volume a local folder and the experiment a small one; in an order no scheduler promises.
        using var files = new ExperimentFiles();
        string experiment = WriteExperiment(files), volume = files.PathOf("volume");
        string Local(string arg) => arg == args[1] ? experiment : arg.Replace(mount, volume);
        try
        {
            foreach (int index in Enumerable.Range(0, completions).Reverse())
            {
                Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", $"{index}");
                var pod = InProcessSim.Run(args.Select(a => Local(a).Replace("$(JOB_COMPLETION_INDEX)", $"{index}")).ToArray());
                Assert.That(pod.ExitCode, Is.Zero, pod.Stderr);
                Assert.That(pod.Stderr, Does.Contain($"shard {index}/{completions}"));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", null);
        }

        // The merge Job's shell command, with its sim and volume local.
        var mergeJob = Manifest("kubernetes-merge-job.yaml");
        var mergeContainer = Container(mergeJob);
        Assert.That(((YamlSequenceNode)mergeContainer["command"]).Select(c => ((YamlScalarNode)c).Value), Is.EqualTo(new[] { "/bin/sh", "-c" }));
        string line = ((YamlScalarNode)((YamlSequenceNode)mergeContainer["args"]).Single()).Value!;
        Assert.That(line, Does.StartWith("exec /opt/sim/sim merge "), "the image's sim (deploy/Dockerfile copies it to /opt/sim)");
        var merge = Bash(files.Folder, new(), "-c", line.Replace("/opt/sim/sim", SimCommand(files)).Replace(mount, volume));
        Assert.That(merge.ExitCode, Is.Zero, merge.Output);
        string merged = Regex.Match(line, @"--output (\S+)").Groups[1].Value.Replace(mount, volume);
        var whole = Bash(files.Folder, new(), SimCommand(files), "sweep", experiment, "--output", "whole"); // from where the merge ran
        Assert.That(whole.ExitCode, Is.Zero, whole.Output);
        AssertSameOutputs(files.PathOf("whole"), merged);
    }

    [Test]
    public void Dockerfile_PublishesAsReadmeSays_AndRunsAsTheImagesUser()
    {
        string dockerfile = File.ReadAllText(Deploy("Dockerfile"));
        string publish = Regex.Match(dockerfile.Replace("\\\n", " "), @"RUN (dotnet publish [^&\n]*?) -o /out/sim").Groups[1].Value;
        string readme = Regex.Match(File.ReadAllText(TestModels.PathOf("README.md")), @"^(dotnet publish engine/Simulation.Cli .*?) -o publish/sim$", RegexOptions.Multiline).Groups[1].Value;
        Assert.That(readme, Is.Not.Empty);
        Assert.That(Regex.Replace(publish, @"\s+", " "), Is.EqualTo(readme), "the image's sim is README's standalone sim");
        Assert.That(dockerfile, Does.Contain("FROM mcr.microsoft.com/dotnet/runtime-deps:").And.Contain("USER $APP_UID").And.Contain("ENTRYPOINT [\"/opt/sim/sim\"]"));
        Assert.That(dockerfile, Does.Contain("COPY --from=build /out/sim /opt/sim"));
    }
}
