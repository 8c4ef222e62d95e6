namespace Simulation.Engine.Diagnostics;

/// <summary>
/// Every diagnostic code the engine emits. Codes are stable: tools and documentation refer to them.
/// SD1xxx file and syntax, SD2xxx names and structure, SD3xxx cycles and dynamics, SD4xxx units of measure,
/// SD5xxx scenarios and experiments, SD6xxx runtime, SD7xxx calibration (fit files and observed data).
/// </summary>
public static class DiagnosticCodes
{
    // Files, JSON and schema
    public const string MalformedJson = "SD1001";
    public const string DuplicateKey = "SD1002";
    public const string SchemaViolation = "SD1003";
    public const string InvalidValue = "SD1004";
    public const string UnsupportedFormatVersion = "SD1005";
    public const string InvalidUtf8 = "SD1006";
    public const string FileTooLarge = "SD1007";

    // Equation syntax
    public const string SyntaxError = "SD1101";
    public const string TooDeeplyNested = "SD1102";
    public const string NumberOutOfRange = "SD1103";
    public const string EmptyEquation = "SD1104";

    // XMILE import
    public const string MalformedXml = "SD1201";
    public const string NotXmile = "SD1202";
    public const string UnsupportedXmileFeature = "SD1203";
    public const string ConverterPlaceholder = "SD1204";
    public const string XmileElementIgnored = "SD1205";
    public const string BadModule = "SD1206";
    public const string BadMacro = "SD1207";

    // Vensim .mdl import
    public const string MalformedMdl = "SD1301";
    public const string UnsupportedVensimFeature = "SD1302";
    public const string DataFileProblem = "SD1303";
    public const string BadSubscriptRange = "SD1304";
    public const string VensimConstructIgnored = "SD1305";

    // Names and structure
    public const string UnknownVariable = "SD2001";
    public const string UnknownFunction = "SD2002";
    public const string WrongArgumentCount = "SD2003";
    public const string DuplicateName = "SD2004";
    public const string NotAFlow = "SD2005";
    public const string MissingEquation = "SD2006";
    public const string InvalidGraph = "SD2007";
    public const string NotAFunction = "SD2008";
    public const string InvalidArgument = "SD2009";
    public const string FlowDrainsTwoStocks = "SD2010";
    public const string MisplacedField = "SD2011";

    // Time settings
    public const string NonPositiveDt = "SD2101";
    public const string StopNotAfterStart = "SD2102";
    public const string SavePeriodNotMultiple = "SD2103";
    public const string NonWholeStepCount = "SD2104";

    // Arrays
    public const string UnknownDimension = "SD2201";
    public const string UnknownElement = "SD2202";
    public const string DimensionMismatch = "SD2203";
    public const string MissingElementEquation = "SD2204";
    public const string BadMapping = "SD2205";
    public const string DuplicateElement = "SD2206";
    public const string TooManyElements = "SD2207";

    // Warnings about structure
    public const string UnusedVariable = "SD2301";
    public const string ValueOutsideRange = "SD2302";

    // Cycles and dynamics
    public const string AlgebraicLoop = "SD3001";
    public const string InitialValueCycle = "SD3002";
    public const string DtTooLarge = "SD3101";

    // Units of measure (warnings; errors under --strict-units)
    public const string UnlikeUnits = "SD4001";
    public const string FlowUnits = "SD4002";
    public const string EquationUnits = "SD4003";
    public const string ArgumentUnits = "SD4004";
    public const string UnreadableUnits = "SD4005";
    public const string NoUnits = "SD4006";

    // Experiments (scenarios, interventions, uncertainty, outcomes)
    public const string ModelFileMissing = "SD5001";
    public const string UnknownInput = "SD5002";
    public const string NotAnInput = "SD5003";
    public const string UnknownInputElement = "SD5004";
    public const string UnknownScenario = "SD5005";
    public const string BasedOnCycle = "SD5006";
    public const string DuplicateExperimentName = "SD5007";
    public const string ImpossibleDistribution = "SD5008";
    public const string EmptyDesign = "SD5009";
    public const string InterventionTime = "SD5010";
    public const string UnknownOutcome = "SD5011";
    public const string OutcomeCycle = "SD5012";
    public const string OutcomeTime = "SD5013";
    public const string DesignTableProblem = "SD5014";
    public const string SampledAndSet = "SD5015";
    public const string DiscountPeriodUnknown = "SD5016";
    public const string SampledTwice = "SD5017";
    public const string DesignTooLarge = "SD5018";
    public const string OutcomeShapeMismatch = "SD5019";
    public const string InvalidExperiment = "SD5020";

    // Design tables (one run per row) and what a batch records
    public const string DesignTableEmpty = "SD5101";
    public const string DesignTableMalformed = "SD5102";
    public const string DesignTableNotANumber = "SD5103";
    public const string DesignTableUnknownInput = "SD5104";
    public const string DesignTableNotAnInput = "SD5105";
    public const string DesignTableDuplicateInput = "SD5106";
    public const string RecordTimeOutsideRun = "SD5107";

    // Runtime
    public const string NotFinite = "SD6001";

    // Calibration: fit files and observed data
    public const string DataFileMissing = "SD7001";
    public const string DataMalformed = "SD7002";
    public const string DataNotANumber = "SD7003";
    public const string DataTimes = "SD7004";
    public const string DataTimeOutsideRun = "SD7005";
    public const string UnknownDataColumn = "SD7006";
    public const string BoundsOutsideRange = "SD7007";
    public const string InvalidBounds = "SD7008";
    public const string InvalidSeries = "SD7009";
    public const string ObservationOutsideSupport = "SD7010";
    public const string UnusedDataColumn = "SD7011";
    public const string TooFewObservations = "SD7012";
    public const string EstimatedTwice = "SD7013";

    /// <summary>One line per code, for `sim check --codes` and the documentation.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        [MalformedJson] = "the file is not well-formed JSON",
        [DuplicateKey] = "a JSON key is given twice in one object",
        [SchemaViolation] = "the file does not follow the model schema",
        [InvalidValue] = "a value in the file is out of range or of the wrong kind",
        [InvalidUtf8] = "the file is not valid UTF-8; invalid bytes are read as U+FFFD (warning)",
        [FileTooLarge] = "the file is larger than sim reads",
        [UnsupportedFormatVersion] = "the file declares a format version this engine does not read",
        [SyntaxError] = "an equation cannot be parsed",
        [TooDeeplyNested] = "an equation is nested too deeply",
        [NumberOutOfRange] = "a number in an equation is too large to represent",
        [EmptyEquation] = "an equation is empty",
        [MalformedXml] = "the file is not well-formed XML",
        [NotXmile] = "the file is not an XMILE model",
        [UnsupportedXmileFeature] = "the XMILE file uses a feature this engine does not simulate",
        [ConverterPlaceholder] = "an equation is a placeholder ('???') that a model converter wrote for an equation it could not translate",
        [XmileElementIgnored] = "an XMILE element that this engine does not read is ignored (warning)",
        [BadModule] = "a module, the model it names, or one of its connections is inconsistent",
        [BadMacro] = "a macro is defined or called inconsistently (recursion, missing parameters)",
        [MalformedMdl] = "the file is not a readable Vensim model (a record that never ends, a binary file, a definition that cannot be read)",
        [UnsupportedVensimFeature] = "the Vensim model uses a construct or function this engine does not simulate",
        [DataFileProblem] = "a data file a GET function names is missing, unreadable, or lacks the cells asked for",
        [BadSubscriptRange] = "a subscript range, subrange, mapping or equivalence is inconsistent",
        [VensimConstructIgnored] = "a Vensim construct with no effect on the simulation is ignored (warning)",
        [UnknownVariable] = "an equation names a variable that does not exist",
        [UnknownFunction] = "an equation calls a function that does not exist",
        [WrongArgumentCount] = "a function is called with the wrong number of arguments",
        [DuplicateName] = "two variables (or dimensions) have the same name",
        [NotAFlow] = "a stock's inflow or outflow is not a flow",
        [MissingEquation] = "a variable has no equation (or a stock no initial value)",
        [InvalidGraph] = "a graphical function's points are inconsistent",
        [NotAFunction] = "something that is not a function is called like one, or a function is used as a value",
        [InvalidArgument] = "an argument is not of the kind the function needs",
        [FlowDrainsTwoStocks] = "one flow is an outflow (or inflow) of more than one stock",
        [MisplacedField] = "a field does not apply to this kind of variable",
        [NonPositiveDt] = "dt is zero, negative, not finite, or longer than the run",
        [StopNotAfterStart] = "the stop time is not after the start time",
        [SavePeriodNotMultiple] = "the save period is not a positive whole multiple of dt",
        [NonWholeStepCount] = "stop - start is not a whole number of steps",
        [UnknownDimension] = "a dimension name is not defined",
        [UnknownElement] = "an element name is not in its dimension",
        [DimensionMismatch] = "array dimensions do not agree",
        [MissingElementEquation] = "an arrayed variable has no equation for some elements",
        [BadMapping] = "a dimension mapping or subrange is inconsistent",
        [DuplicateElement] = "an element is named twice in one dimension",
        [TooManyElements] = "a dimension, a variable or the model has more elements than sim allows",
        [UnusedVariable] = "a variable is never used (warning)",
        [ValueOutsideRange] = "an input's value lies outside its declared range (warning)",
        [AlgebraicLoop] = "auxiliaries or flows depend on each other in a loop with no stock in it",
        [InitialValueCycle] = "initial values depend on each other in a loop",
        [DtTooLarge] = "dt is large against a first-order time constant (warning)",
        [UnlikeUnits] = "values in unlike units are added, subtracted, compared or chosen between (warning)",
        [FlowUnits] = "a flow's units are not its stock's units per unit of time (warning)",
        [EquationUnits] = "an equation's units differ from the units its variable declares (warning)",
        [ArgumentUnits] = "a function's argument is not in the units it needs (warning)",
        [UnreadableUnits] = "a units text cannot be read (warning)",
        [NoUnits] = "a variable declares no units (only under --strict-units)",
        [ModelFileMissing] = "the experiment's model file cannot be read",
        [UnknownInput] = "an experiment names a variable the model does not have",
        [NotAnInput] = "an experiment changes a variable that is not an input of the model",
        [UnknownInputElement] = "an experiment names an element its variable does not have",
        [UnknownScenario] = "a scenario (in basedOn or baseline) does not exist",
        [BasedOnCycle] = "scenarios are based on each other in a loop",
        [DuplicateExperimentName] = "two scenarios, outcomes or uncertain inputs have the same name",
        [ImpossibleDistribution] = "a distribution's parameters are missing or impossible",
        [EmptyDesign] = "an uncertainty design has no samples",
        [InterventionTime] = "an intervention's time is outside the run, or a ramp ends before it starts",
        [UnknownOutcome] = "an outcome names another outcome that does not exist",
        [OutcomeCycle] = "outcomes are defined from each other in a loop",
        [OutcomeTime] = "an outcome's time is outside the run or between two steps",
        [DesignTableProblem] = "the design table file does not exist or cannot be read",
        [SampledAndSet] = "a scenario sets an input that is also sampled, so the sample would overwrite it",
        [DiscountPeriodUnknown] = "a discount rate without a period, in a model whose time unit is not years",
        [SampledTwice] = "an input is sampled twice",
        [DesignTooLarge] = "a design is too large (too many samples, runs or dimensions)",
        [OutcomeShapeMismatch] = "a difference or ratio of outcomes with different elements",
        [InvalidExperiment] = "an experiment entry is incomplete or contradictory",

        [DesignTableEmpty] = "a design table has no header or no rows",
        [DesignTableMalformed] = "a row of a design table has the wrong number of cells or broken quoting",
        [DesignTableNotANumber] = "a cell of a design table is not a finite number",
        [DesignTableUnknownInput] = "a column of a design table is not a variable of the model",
        [DesignTableNotAnInput] = "a column of a design table names a variable that changes during the run",
        [DesignTableDuplicateInput] = "two columns of a design table set the same input",
        [RecordTimeOutsideRun] = "a time asked for is outside the run or between two steps",
        [NotFinite] = "a value became NaN or infinite during the run",

        [DataFileMissing] = "a fit's data file does not exist or cannot be read",
        [DataMalformed] = "a data file has no header or rows, a row of the wrong length, a column named twice or broken quoting",
        [DataNotANumber] = "a cell of a data file is not a number (empty cells are missing observations)",
        [DataTimes] = "a data file's times are missing or do not increase",
        [DataTimeOutsideRun] = "a data time is outside the model's run or between two steps",
        [UnknownDataColumn] = "a series names a data column that does not exist, or a data column matches no model variable",
        [BoundsOutsideRange] = "a parameter's bounds reach outside the input's plausible range (warning)",
        [InvalidBounds] = "a parameter's bounds, scale, start or prior are missing or impossible",
        [InvalidSeries] = "a series entry is incomplete or contradictory",
        [ObservationOutsideSupport] = "an observation is impossible under its error model (a negative count, a log-normal value at or below zero)",
        [UnusedDataColumn] = "a data column is not fitted (warning)",
        [TooFewObservations] = "a fit has fewer observations than it estimates parameters, or a series has none",
        [EstimatedTwice] = "an input is estimated twice",
    };
}
