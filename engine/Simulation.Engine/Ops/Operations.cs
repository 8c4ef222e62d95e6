using System.Collections.Immutable;
using Simulation.Engine.Syntax;
using Simulation.Engine.Units;

namespace Simulation.Engine.Ops;

/// <summary>
/// The catalogue: every operation the engine has, each described once (see <see cref="Operation"/>). Adding a
/// builtin function means writing its struct (scalar meaning, and vector meaning or AVX form when SIMD does it
/// exactly), listing it here, testing it and giving it a line in docs/builtins.md; the binder, both interpreters,
/// the step-code generator and constant folding then know it.
/// </summary>
public static class Operations
{
    public static readonly Operation Const = new StructuralOperation(new OpInfo("Const"), OperationKind.Const, 0);
    public static readonly Operation Copy = new StructuralOperation(new OpInfo("Copy", FiniteReach.AllOperands), OperationKind.Copy, 1);
    public static readonly Operation Param = new StructuralOperation(new OpInfo("Param"), OperationKind.Param, 0);

    public static readonly Operation Neg = new UnaryOperation<NegOp>();
    public static readonly Operation Not = new UnaryOperation<NotOp>();
    public static readonly Operation Add = new BinaryOperation<AddOp>();
    public static readonly Operation Sub = new BinaryOperation<SubOp>();
    public static readonly Operation Mul = new BinaryOperation<MulOp>();
    public static readonly Operation Div = new BinaryOperation<DivOp>();
    public static readonly Operation Pow = new BinaryOperation<PowOp>();
    public static readonly Operation Mod = new BinaryOperation<ModOp>();
    public static readonly Operation Eq = new BinaryOperation<EqOp>();
    public static readonly Operation Ne = new BinaryOperation<NeOp>();
    public static readonly Operation Lt = new BinaryOperation<LtOp>();
    public static readonly Operation Le = new BinaryOperation<LeOp>();
    public static readonly Operation Gt = new BinaryOperation<GtOp>();
    public static readonly Operation Ge = new BinaryOperation<GeOp>();
    public static readonly Operation And = new BinaryOperation<AndOp>();
    public static readonly Operation Or = new BinaryOperation<OrOp>();
    public static readonly Operation Select = new TernaryOperation<SelectOp>();

    public static readonly Operation Abs = new UnaryOperation<AbsOp>();
    public static readonly Operation Exp = new UnaryOperation<ExpOp>();
    public static readonly Operation Ln = new UnaryOperation<LnOp>();
    public static readonly Operation Log10 = new UnaryOperation<Log10Op>();
    public static readonly Operation Log = new BinaryOperation<LogOp>();
    public static readonly Operation Sqrt = new UnaryOperation<SqrtOp>();
    public static readonly Operation Sin = new UnaryOperation<SinOp>();
    public static readonly Operation Cos = new UnaryOperation<CosOp>();
    public static readonly Operation Tan = new UnaryOperation<TanOp>();
    public static readonly Operation ArcSin = new UnaryOperation<ArcSinOp>();
    public static readonly Operation ArcCos = new UnaryOperation<ArcCosOp>();
    public static readonly Operation ArcTan = new UnaryOperation<ArcTanOp>();
    public static readonly Operation Floor = new UnaryOperation<FloorOp>();
    public static readonly Operation Round = new UnaryOperation<RoundOp>();
    public static readonly Operation Sign = new UnaryOperation<SignOp>();
    public static readonly Operation Min = new BinaryOperation<MinOp>();
    public static readonly Operation Max = new BinaryOperation<MaxOp>();
    public static readonly Operation SafeDiv = new TernaryOperation<SafeDivOp>();
    public static readonly Operation Sinh = new UnaryOperation<SinhOp>();
    public static readonly Operation Cosh = new UnaryOperation<CoshOp>();
    public static readonly Operation Tanh = new UnaryOperation<TanhOp>();
    public static readonly Operation NormalUpperTail = new UnaryOperation<NormalUpperTailOp>();
    public static readonly Operation Truncate = new UnaryOperation<TruncateOp>();
    public static readonly Operation Remainder = new BinaryOperation<RemainderOp>();
    public static readonly Operation Quantum = new BinaryOperation<QuantumOp>();

    public static readonly Operation Step = new TimedOperation<StepOp>();
    public static readonly Operation Pulse = new TimedOperation<PulseOp>();
    public static readonly Operation Ramp = new TimedOperation<RampOp>();
    public static readonly Operation PulseTrain = new TimedOperation<PulseTrainOp>();

    public static readonly Operation Lookup = new LookupOperation<LookupOp>();
    public static readonly Operation LookupForward = new LookupOperation<LookupForwardOp>();
    public static readonly Operation LookupBackward = new LookupOperation<LookupBackwardOp>();
    public static readonly Operation LookupInvert = new LookupOperation<LookupInvertOp>();
    public static readonly Operation LookupExtrapolate = new LookupOperation<LookupExtrapolateOp>();

    public static readonly FoldOperation Sum = Fold("Sum", 0, Add, FiniteReach.AllOperands, "(a) -> a", new Spelling("SUM", 1, 1, "sum of an array's elements"));
    public static readonly FoldOperation Product = Fold("Product", 1, Mul, FiniteReach.AllOperands, "(_) -> ?", new Spelling("PROD", 1, 1, "product of an array's elements"));
    public static readonly FoldOperation Mean = Fold("Mean", 0, Add, FiniteReach.AllOperands, "(a...) -> a",
        new Spelling("MEAN", 1, int.MaxValue, "mean of an array's elements (or of the arguments)"), dividesByCount: true);
    public static readonly FoldOperation MinOf = Fold("MinOf", double.PositiveInfinity, Min, FiniteReach.None, "(a) -> a", new Spelling("VMIN", 1, 1, "smallest element of an array"));
    public static readonly FoldOperation MaxOf = Fold("MaxOf", double.NegativeInfinity, Max, FiniteReach.None, "(a) -> a", new Spelling("VMAX", 1, 1, "largest element of an array"));
    public static readonly FoldOperation StdDev = new StdDevOperation();
    public static readonly Operation Choose = new ChooseOperation();

    /// <summary>Starts a DELAY's ring buffer Aux: n = max(1, round(s[A] / dt)) places filled with s[B]; dst = s[B].</summary>
    public static readonly Operation PipelineStart = new StructuralOperation(new OpInfo("PipelineStart"), OperationKind.Pipeline, 2);

    /// <summary>Ring buffer Aux: writes s[A] at the current place, advances, dst = the value found there.</summary>
    public static readonly Operation PipelineShift = new StructuralOperation(new OpInfo("PipelineShift"), OperationKind.Pipeline, 1);

    /// <summary>History buffer Aux (DELAY_INFORMATION, started with Imm = 1): keeps s[A], dst = the input max(1, round(s[B] / dt)) steps before the next step, never an older one than last time.</summary>
    public static readonly Operation PipelineShiftVarying = new StructuralOperation(new OpInfo("PipelineShiftVarying"), OperationKind.Pipeline, 2);

    /// <summary>Due-list buffer Aux (DELAY_MATERIAL, started with Imm = 2): s[A] leaves max(1, round(s[B] / dt)) steps on; dst = the next step's output, what is due then, or s[C] when nothing is.</summary>
    public static readonly Operation PipelineShiftMaterial = new StructuralOperation(new OpInfo("PipelineShiftMaterial"), OperationKind.Pipeline, 3);

    public static readonly RandomOperation RandomUniform = Random("RandomUniform", RandomDraws.Uniform, "(a, a) -> a",
        new Spelling("RANDOM", 2, 3, "RANDOM(min, max [, seed]): uniform on [min, max), drawn each step") { Aliases = ["UNIFORM", "RANDOM_UNIFORM"] });
    public static readonly RandomOperation RandomNormal = Random("RandomNormal", RandomDraws.Normal, "(a, a, a, a) -> a",
        new Spelling("NORMAL", 2, 5, "NORMAL(mean, sd [, min, max] [, seed]): normal, optionally truncated to [min, max], drawn each step"));

    /// <summary>NORMAL with four arguments (the binder chooses it).</summary>
    public static readonly RandomOperation RandomTruncatedNormal = Random("RandomTruncatedNormal", RandomDraws.TruncatedNormal, "(a, a, a, a) -> a");
    public static readonly RandomOperation RandomLogNormal = Random("RandomLogNormal", RandomDraws.LogNormal, "(a, a) -> a",
        new Spelling("LOGNORMAL", 2, 3, "LOGNORMAL(mean, sd [, seed]): log-normal with this mean and standard deviation, drawn each step"));
    public static readonly RandomOperation RandomExponential = Random("RandomExponential", RandomDraws.Exponential, "(a) -> a",
        new Spelling("EXPRND", 1, 2, "EXPRND(mean [, seed]): exponential, drawn each step"));
    public static readonly RandomOperation RandomPoisson = Random("RandomPoisson", RandomDraws.Poisson, "(a) -> a",
        new Spelling("POISSON", 1, 2, "POISSON(mean [, seed]): Poisson count, drawn each step"));
    public static readonly RandomOperation RandomTriangular = Random("RandomTriangular", RandomDraws.Triangular, "(a, a, a) -> a",
        new Spelling("TRIANGULAR", 3, 4, "TRIANGULAR(min, mode, max [, seed]): triangular, drawn each step"));
    public static readonly RandomOperation RandomBeta = Random("RandomBeta", RandomDraws.Beta, "(1, 1) -> 1",
        new Spelling("BETA", 2, 3, "BETA(alpha, beta [, seed]): beta on [0, 1], drawn each step"));

    // Vensim's RANDOM functions with bounds, shift and stretch (BoundedDraws).
    public static readonly RandomOperation RandomExponentialBounded = Random("RandomExponentialBounded", BoundedDraws.Exponential, "(a, a, a, a) -> a",
        new Spelling("RANDOM_EXPONENTIAL", 4, 5, "RANDOM_EXPONENTIAL(min, max, shift, stretch [, seed]): shift + stretch x an exponential of mean 1, within [min, max] (Vensim)"));
    public static readonly RandomOperation RandomGammaBounded = Random("RandomGammaBounded", BoundedDraws.Gamma, "(a, a, 1, a, a) -> a",
        new Spelling("RANDOM_GAMMA", 5, 6, "RANDOM_GAMMA(min, max, order, shift, stretch [, seed]): shift + stretch x a gamma of shape order and scale 1, within [min, max] (Vensim)"));
    public static readonly RandomOperation RandomBetaBounded = Random("RandomBetaBounded", BoundedDraws.Beta, "(a, a, 1, 1, a, a) -> a",
        new Spelling("RANDOM_BETA", 6, 7, "RANDOM_BETA(min, max, alpha, beta, shift, stretch [, seed]): shift + stretch x a beta on [0, 1], within [min, max] (Vensim)"));
    public static readonly RandomOperation RandomWeibullBounded = Random("RandomWeibullBounded", BoundedDraws.Weibull, "(a, a, 1, a, a) -> a",
        new Spelling("RANDOM_WEIBULL", 5, 6, "RANDOM_WEIBULL(min, max, shape, shift, stretch [, seed]): shift + stretch x a Weibull of scale 1, within [min, max] (Vensim)"));
    public static readonly RandomOperation RandomTriangularBounded = Random("RandomTriangularBounded", BoundedDraws.Triangular, "(a, a, a, a, a) -> a",
        new Spelling("RANDOM_TRIANGULAR", 5, 6, "RANDOM_TRIANGULAR(min, max, start, peak, end [, seed]): triangular from start to end, within [min, max] (Vensim)"));
    public static readonly RandomOperation RandomLookupBounded = Random("RandomLookupBounded", BoundedDraws.Lookup, "(table, a, a, a, a) -> a",
        new Spelling("RANDOM_LOOKUP", 5, 6, "RANDOM_LOOKUP(f, min, max, shift, stretch [, seed]): shift + stretch x a draw whose density is graphical function f (its points joined by straight lines), within [min, max] (Vensim)"));
    public static readonly RandomOperation RandomPoissonBounded = Random("RandomPoissonBounded", BoundedDraws.Poisson, "(a, a, 1, a, a) -> a",
        new Spelling("RANDOM_POISSON", 5, 6, "RANDOM_POISSON(min, max, mean, shift, stretch [, seed]): shift + stretch x a Poisson count, within [min, max] (Vensim)"));
    public static readonly RandomOperation RandomBinomialBounded = Random("RandomBinomialBounded", BoundedDraws.Binomial, "(a, a, 1, 1, a, a) -> a",
        new Spelling("RANDOM_BINOMIAL", 6, 7, "RANDOM_BINOMIAL(min, max, probability, trials, shift, stretch [, seed]): shift + stretch x a binomial count, within [min, max] (Vensim)"));
    public static readonly RandomOperation RandomNegativeBinomialBounded = Random("RandomNegativeBinomialBounded", BoundedDraws.NegativeBinomial, "(a, a, 1, 1, a, a) -> a",
        new Spelling("RANDOM_NEGATIVE_BINOMIAL", 6, 7, "RANDOM_NEGATIVE_BINOMIAL(min, max, probability, successes, shift, stretch [, seed]): shift + stretch x the failures before that many successes, within [min, max] (Vensim)"));

    /// <summary>Every operation, in the order above.</summary>
    public static ImmutableArray<Operation> All { get; } = typeof(Operations).GetFields()
        .Where(f => f.IsStatic && typeof(Operation).IsAssignableFrom(f.FieldType))
        .Select(f => (Operation)f.GetValue(null)!)
        .ToImmutableArray();

    private static readonly Dictionary<string, Operation> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>The operation with this plan name (<c>Add</c>, <c>RandomBeta</c>), or null.</summary>
    public static Operation? Named(string name) => ByName.GetValueOrDefault(name);

    public static Operation For(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => Add,
        BinaryOperator.Subtract => Sub,
        BinaryOperator.Multiply => Mul,
        BinaryOperator.Divide => Div,
        BinaryOperator.Power => Pow,
        BinaryOperator.Modulo => Mod,
        BinaryOperator.Equal => Eq,
        BinaryOperator.NotEqual => Ne,
        BinaryOperator.Less => Lt,
        BinaryOperator.LessEqual => Le,
        BinaryOperator.Greater => Gt,
        BinaryOperator.GreaterEqual => Ge,
        BinaryOperator.And => And,
        _ => Or,
    };

    /// <summary>The operation of a unary operator; unary plus has none (it is its operand).</summary>
    public static Operation? For(UnaryOperator op) => op switch
    {
        UnaryOperator.Negate => Neg,
        UnaryOperator.Not => Not,
        _ => null,
    };

    private static FoldOperation Fold(string name, double start, Operation step, FiniteReach reach, string units, Spelling spelling, bool dividesByCount = false) =>
        new(new OpInfo(name, reach, spelling) { Units = UnitRule.Of(units), IncreasingIn = name == "Product" ? [] : [0] }, start, step, dividesByCount);

    private static RandomOperation Random(string name, RandomDraw draw, string units, params Spelling[] spellings) =>
        new(new OpInfo(name, FiniteReach.None, spellings) { Units = UnitRule.Of(units) }, draw);
}
