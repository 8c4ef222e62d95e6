using Simulation.Engine.Model;

namespace Simulation.Tests.Import.Vensim;

/// <summary>Subscript ranges, subranges, mappings, :EXCEPT:, numbered ranges and element-by-element definitions.</summary>
public class MdlSubscriptTests
{
    private static double[] At0(string records, params string[] columns)
    {
        var result = MdlModels.Run(MdlModels.File(records));
        return columns.Select(c => result.Series(c)[0]).ToArray();
    }

    [Test]
    public void NumberedRange_ExpandsWithPrefixAndPadding()
    {
        var document = MdlModels.Document(MdlModels.File("D: (A1-A3), x ~~|\nE: (b08-b11) ~~|\nv[D] = 1 ~~|\nw[E] = 2 ~~|"));
        Assert.That(document.Dimensions[0].Elements, Is.EqualTo(new[] { "A1", "A2", "A3", "x" }));
        Assert.That(document.Dimensions[1].Elements, Is.EqualTo(new[] { "b08", "b09", "b10", "b11" }));
    }

    [Test]
    public void Lists_TwoDimensions_RowsAlongTheFirstSubscript()
    {
        var values = At0("R: r1, r2 ~~|\nC: c1, c2, c3 ~~|\nm[R, C] = 1, 2, 3; -4, 5, 6; ~~|", "m[r1,c3]", "m[r2,c1]", "m[r2,c3]");
        Assert.That(values, Is.EqualTo(new[] { 3.0, -4, 6 }));
    }

    [Test]
    public void TabbedArray_RowMajorOverTheLeftSide()
    {
        var values = At0("R: r1, r2 ~~|\nC: c1, c2 ~~|\nm[R, C] = TABBED ARRAY(\n\t1\t2\n\t3\t4) ~~|", "m[r1,c2]", "m[r2,c1]");
        Assert.That(values, Is.EqualTo(new[] { 2.0, 3 }));
    }

    [Test]
    public void Except_DefinesEveryOtherElement()
    {
        var values = At0("""
            D: a, b, c ~~|
            E: e1, e2 ~~|
            v[D, E] :EXCEPT: [b, e2], [c, E] = 1 ~~|
            v[b, e2] = 2 ~~|
            v[c, E] = 3 ~~|
            """, "v[a,e1]", "v[b,e1]", "v[b,e2]", "v[c,e1]", "v[c,e2]");
        Assert.That(values, Is.EqualTo(new[] { 1.0, 1, 2, 3, 3 }));
    }

    [Test]
    public void Subrange_PartialDefinitions_MergeIntoOneVariable()
    {
        var values = At0("""
            Layers: L1, L2, L3 ~~|
            lower: L2, L3 ~~|
            base[Layers] = 10, 20, 30 ~~|
            merged[lower] = base[lower] + 1 ~~|
            merged[L1] = 5 ~~|
            """, "merged[L1]", "merged[L2]", "merged[L3]");
        Assert.That(values, Is.EqualTo(new[] { 5.0, 21, 31 }));
    }

    [Test]
    public void PartlyDefinedVariable_HasOnlyItsDefinedElements()
    {
        var document = MdlModels.Document(MdlModels.File("D: a, b, c, e ~~|\nv[b] = 1 ~~|\nv[e] = 2 ~~|\ny = v[b] + v[e] ~~|"));
        var v = document.Variables.Single(x => x.Name == "v");
        var dimension = document.Dimensions.Single(d => d.Name == v.Dimensions[0].Name);
        Assert.That(dimension.Elements, Is.EqualTo(new[] { "b", "e" }), "Vensim's variable has the elements its equations define, and no others");
        Assert.That(dimension.SubrangeOf, Is.EqualTo("D"));
    }

    [Test]
    public void Mapping_PositionalAndToASubrange_FollowVensim()
    {
        // PREVIOUS COHORT maps onto ALL BUT YOUNGEST in order, so CHILD's previous cohort is INFANT (not CHILD, which both ranges hold).
        var values = At0("""
            AGE: INFANT, CHILD, TEEN ~~|
            ALL BUT YOUNGEST: CHILD, TEEN ~~|
            PREVIOUS COHORT: INFANT, CHILD -> ALL BUT YOUNGEST ~~|
            aging[AGE] = 10, 20, 30 ~~|
            inflow[INFANT] = 0 ~~|
            inflow[ALL BUT YOUNGEST] = aging[PREVIOUS COHORT] ~~|
            SKILLS: MACHINERS, ASSEMBLERS -> PRODUCTS ~~|
            PRODUCTS: PARTS, SYSTEMS ~~|
            force[SKILLS] = 5, 10 ~~|
            work[PRODUCTS] = force[SKILLS] * 2 ~~|
            """, "inflow[CHILD]", "inflow[TEEN]", "work[PARTS]", "work[SYSTEMS]");
        Assert.That(values, Is.EqualTo(new[] { 10.0, 20, 10, 20 }));
    }

    [Test]
    public void ExplicitMapping_SendsEachElementWhereItSays()
    {
        var values = At0("""
            Src: s1, s2 -> (Dst: d2, d1) ~~|
            Dst: d1, d2 ~~|
            from[Src] = 1, 2 ~~|
            to[Dst] = from[Src] * 10 ~~|
            """, "to[d1]", "to[d2]");
        Assert.That(values, Is.EqualTo(new[] { 20.0, 10 }));
    }

    [Test]
    public void Reduction_BangDimension_SumsOverIt()
    {
        var values = At0("""
            R: r1, r2 ~~|
            C: c1, c2, c3 ~~|
            m[R, C] = 1, 2, 3; 4, 5, 6; ~~|
            rowsum[R] = SUM(m[R, C!]) ~~|
            total = SUM(m[R!, C!]) ~~|
            smallest = VMIN(m[R!, C!]) ~~|
            product[C] = PROD(m[R!, C]) ~~|
            count = ELMCOUNT(C) ~~|
            """, "rowsum[r2]", "total", "smallest", "product[c3]", "count");
        Assert.That(values, Is.EqualTo(new[] { 15.0, 21, 1, 18, 3 }));
    }

    [Test]
    public void ElementsAndRangesAsValues_ArePositionsInTheMainRange()
    {
        // dim3 lists the elements of dim1 in another order: a range used as a value is the element's position in dim1.
        var values = At0("""
            dim1: A, B, C ~~|
            dim3: A, C, B ~~|
            same[dim1, dim3] = IF THEN ELSE(dim1 = dim3, 1, 0) ~~|
            pos[dim3] = dim3 ~~|
            isb[dim1] = IF THEN ELSE(dim1 = B, 1, 0) ~~|
            """, "same[B,B]", "same[B,C]", "pos[C]", "isb[B]", "isb[C]");
        Assert.That(values, Is.EqualTo(new[] { 1.0, 0, 3, 1, 0 }));
    }

    [Test]
    public void Equivalence_IsAnotherNameForTheRange()
    {
        var values = At0("D: a, b ~~|\nAlias <-> D ~~|\nv[D] = 1, 2 ~~|\nw[Alias] = v[Alias] * 10 ~~|", "w[b]");
        Assert.That(values, Is.EqualTo(new[] { 20.0 }));
    }

    [Test]
    public void ArrayedStock_PerElementInitialAndRates()
    {
        var result = MdlModels.Run(MdlModels.File("""
            D: a, b ~~|
            S[a] = INTEG(1, 10) ~~|
            S[b] = INTEG(-S[b] * 0.5, 8) ~~|
            """));
        Assert.That(result.Series("S[a]"), Is.EqualTo(new[] { 10.0, 11, 12, 13, 14 }));
        Assert.That(result.Series("S[b]"), Is.EqualTo(new[] { 8.0, 4, 2, 1, 0.5 }));
    }

    [Test]
    public void UnknownSubscript_Reported()
    {
        var errors = MdlModels.Errors(MdlModels.File("D: a, b ~~|\nv[z] = 1 ~~|"));
        Assert.That(errors.Select(e => e.Code), Does.Contain("SD2202"));
        Assert.That(errors.First(e => e.Code == "SD2202").Location!.Value.Line, Is.EqualTo(3));
    }

    [Test]
    public void Dimensions_DeclaredForTheJsonModel()
    {
        var document = MdlModels.Document(MdlModels.File("Big: a, b, c ~~|\nSmall: b, c -> Other ~~|\nOther: x, y ~~|\nv[Big] = 1 ~~|\nw[Small] = 2 ~~|\nz[Other] = 3 ~~|"));
        var small = document.Dimensions.Single(d => d.Name == "Small");
        Assert.That((small.SubrangeOf, small.MapsTo), Is.EqualTo(("Big", "Other")));
        Assert.That(document.Variables.Single(v => v.Name == "w").Kind, Is.EqualTo(VariableKind.Auxiliary));
    }
}
