"""Model B: illness -> prevention shift (prototype, literal Euler integration of the design in
illness-to-prevention-design.md).  Standard library only.

Time unit: year.  dt = 1/12 year, horizon 25 years, whole-step counting.
Arrays: Age (6 adult bands) x IMD (5) = 30 cells, flattened k = a*5 + q.  Programme capacities are scalars.
PRISM attribute-fraction approach: five chains (glycaemia, blood pressure, smoking, weight, CVD history) each
partition the same adult population of a cell; they couple through cell-level risk multipliers.
"""
import math
from sdlib import lever_value, steps_for

AGE = ["a18_39", "a40_54", "a55_64", "a65_74", "a75_84", "a85p"]
IMD = ["Q1", "Q2", "Q3", "Q4", "Q5"]
NA, NQ = 6, 5
N = NA * NQ
KA = [k // NQ for k in range(N)]
KQ = [k % NQ for k in range(N)]
AGE_MID = [28.5, 47.0, 59.5, 69.5, 79.5, 89.0]
AGE_WIDTH = [22.0, 15.0, 10.0, 10.0, 10.0, 0.0]   # for life expectancy only (0 = open band)
UNDER75 = [1.0, 1.0, 1.0, 1.0, 0.0, 0.0]


def I(value, unit, low, high, source, lever=False):
    return {"value": value, "unit": unit, "low": low, "high": high, "source": source, "lever": lever}


def sc(v, f):
    return [x * f for x in v]


NDH_PREV = [0.035, 0.10, 0.17, 0.21, 0.22, 0.20]
T2D_PREV = [0.0122, 0.064, 0.127, 0.174, 0.197, 0.179]
HTN_PREV = [0.09, 0.24, 0.40, 0.57, 0.66, 0.70]
SMK_PREV = [0.14, 0.135, 0.125, 0.09, 0.055, 0.03]
EX_PREV = [0.08, 0.20, 0.30, 0.38, 0.42, 0.40]
OB_PREV = [0.22, 0.30, 0.32, 0.31, 0.26, 0.18]
MI_PREV = [0.001, 0.012, 0.035, 0.07, 0.11, 0.14]
ST_PREV = [0.002, 0.008, 0.02, 0.04, 0.07, 0.10]
HF_PREV = [0.0005, 0.003, 0.01, 0.025, 0.05, 0.09]
M_OTHER = [0.38, 1.36, 3.4, 8.1, 24.6, 89.0]
CVD_RATE = [0.105, 0.42, 0.7, 1.4, 2.45, 2.45]

INPUTS = {
    # ---------------- demography ----------------
    "icb_population": I(1.5e6, "people", 0.5e6, 3.2e6, "England 57m / 42 ICBs = 1.36m mean (recalled, ONS mid-2022)"),
    "age_share": I([0.285, 0.195, 0.125, 0.10, 0.065, 0.025], "fraction of total population",
                   [0.3117, 0.2133, 0.1367, 0.064, 0.0416, 0.016], [0.2643, 0.1808, 0.1159, 0.12, 0.078, 0.03],
                   "ONS Census 2021: 65+ 18.6%, 85+ 2.5%; split of 18-64 into 18-39/40-54/55-64 ASSUMPTION. "
                   "Range: 65+ 11.9% (London) to 22.3% (SW)"),
    "imd_share": I([0.2] * 5, "fraction", [0.05, 0.2375, 0.2375, 0.2375, 0.2375], [0.45, 0.1375, 0.1375, 0.1375, 0.1375],
                   "IMD 2019 by definition; ICB-specific 5-45% in Q1"),
    "m_other": I(M_OTHER, "deaths/1000/yr", sc(M_OTHER, 0.8), sc(M_OTHER, 1.2),
                 "ASSUMPTION (calibrated): other-cause mortality of a never-smoker without diabetes or CVD, so that "
                 "all-cause rates approximate ONS life tables (Model A rates) and deaths ~14k/yr"),
    "imd_mort": I([1.30, 1.10, 1.0, 0.92, 0.85], "multiplier", [1.2, 1.05, 1.0, 0.95, 0.9], [1.45, 1.15, 1.0, 0.9, 0.8],
                  "ASSUMPTION: residual deprivation gradient in other-cause mortality (normalised); with the "
                  "risk-factor gradients aimed at the ONS 2018-20 LE gap (7.9 F / 9.7 M years, deciles)"),
    "pop_growth": I([0.7, 0.4, 0.4, 0.8, 1.8, 2.7], "%/yr", [0.2, 0.0, 0.0, 0.3, 1.0, 1.8], [1.3, 0.9, 0.9, 1.5, 2.8, 3.6], "ASSUMPTION (ONS shape)"),
    "mort_improvement": I(1.0, "%/yr", 0.0, 2.0, "ASSUMPTION"),
    "entry_ndh": I(0.02, "fraction of 18-year-olds", 0.01, 0.04, "ASSUMPTION"),
    "entry_t2d": I(0.002, "fraction of 18-year-olds", 0.001, 0.004, "ASSUMPTION"),
    "entry_htn": I(0.04, "fraction of 18-year-olds", 0.02, 0.06, "ASSUMPTION"),
    "entry_smoker": I(0.08, "fraction of 18-year-olds", 0.05, 0.12, "ASSUMPTION"),
    "entry_obese": I(0.15, "fraction of 18-year-olds", 0.10, 0.20, "ASSUMPTION"),
    # ---------------- glycaemia ----------------
    "ndh_prev": I(NDH_PREV, "fraction", sc(NDH_PREV, 0.97), sc(NDH_PREV, 1.0),
                  "Moody et al., BMJ Open 2016 (HSE 2009-13): 11% of adults (10.7-11); OR 18.7 65-74 vs 16-24. "
                  "Band split ASSUMPTION"),
    "ndh_imd": I([1.3, 1.15, 1.0, 0.9, 0.8], "multiplier", [1.15, 1.07, 1.0, 0.95, 0.9], [1.45, 1.2, 1.0, 0.85, 0.7],
                 "Moody 2016: higher in lower income and more deprived; values ASSUMPTION (normalised)"),
    "ndh_registered_share": I(0.72, "fraction of NDH", 0.6, 0.8,
                              "Derived: GP-recorded NDH 2.1m (NDA 2019/20) / ~5m NDH (PHE 2016)"),
    "t2d_prev": I(T2D_PREV, "fraction", sc(T2D_PREV, 0.85), sc(T2D_PREV, 1.15),
                  "ASSUMPTION by band, calibrated to diagnosed diabetes ~7.5% (QOF 17+, recalled) and undiagnosed "
                  "2% (Moody 2016)"),
    "t2d_imd": I([1.6, 1.25, 1.0, 0.85, 0.7], "multiplier", [1.4, 1.15, 1.0, 0.9, 0.8], [1.8, 1.3, 1.0, 0.8, 0.6],
                 "HSE 2022 Part 2: total diabetes 17% most vs 7% least deprived; split ASSUMPTION (normalised)"),
    "t2d_undiagnosed_share": I(0.21, "fraction of T2D", 0.12, 0.30,
                               "Moody 2016: undiagnosed 2% of adults vs diagnosed 6-7.5%"),
    "t2d_complicated_share": I(0.35, "fraction of diagnosed T2D", 0.25, 0.45, "ASSUMPTION"),
    "t1d_prev": I(0.006, "fraction of adults", 0.004, 0.008,
                  "ASSUMPTION: T2D ~90% of diabetes (Moody 2016; QOF); type 1/other held constant"),
    "ndh_to_t2d": I(0.04, "/yr", 0.03, 0.08,
                    "Reference pick 5%; 4% used (recent 1-yr conversion, keeps diagnosed-diabetes growth ~3%/yr). Ravindrarajah et al., BMJ Open 2020 10:e040201 (CPRD: 7%/yr crude, 1-yr 8%->4%); "
                    "Exeter 10,000 (BMC Med 2021)"),
    "ndh_imd_hr": I(1.17, "HR Q1 vs Q5", 1.0, 1.3, "Ravindrarajah 2020: most vs least deprived HR 1.17"),
    "obese_hr_progression": I(2.02, "HR", 1.5, 2.5, "Ravindrarajah 2020: BMI >=30 HR 2.02"),
    "ndh_regress": I(0.10, "/yr", 0.05, 0.20,
                     "ASSUMPTION; 21-37% reclassified normal on repeat test (Sampson et al., Sci Rep 2018)"),
    "ndh_detect": I(0.25, "/yr", 0.1, 0.4,
                    "ASSUMPTION (lever table 5%, 2-20%); 10% calibrated so the registered share holds near 42%",
                    lever=True),
    "ndh_dx_progression_detected": I(0.8, "fraction", 0.6, 0.95,
                                     "ASSUMPTION: registered NDH progressing to T2D diagnosed at annual review"),
    "t2d_detect": I(0.22, "/yr", 0.10, 0.50, "ASSUMPTION (calibrated to ~2% undiagnosed)"),
    "t2d_compl_rate": I(0.04, "/yr", 0.02, 0.06, "ASSUMPTION"),
    "t2d_mort_rr": I(1.284, "RR", 1.28, 1.32, "NDA 2015/16: T2D excess all-cause mortality +28.4%"),
    "t2d_compl_mort_rr": I(2.0, "RR", 1.5, 3.0, "ASSUMPTION"),
    # ---------------- DPP ----------------
    "dpp_referral_rate": I(0.075, "/yr of registered NDH", 0.03, 0.20,
                           "Lever table ~10% (5-40%); gives ~5,000 referrals/yr (section 7)", lever=True),
    "dpp_uptake": I(0.36, "starts/referral", 0.36, 0.60, "Valabhji et al., Diabetes Care 2020 43:152: 36% >=1 session",
                    lever=True),
    "dpp_completion": I(0.19, "completions/referral", 0.19, 0.40,
                        "Valabhji 2020: 19% of referrals complete (53% of starters)", lever=True),
    "dpp_duration": I(0.75, "yr", 0.6, 0.9, "Reference stock 4: NDH in DPP (~9 months)"),
    "dpp_rr": I(0.80, "HR", 0.7, 0.9, "Ravindrarajah et al., PLOS Med 2023: per referral HR ~0.80"),
    "dpp_uptake_imd": I([1.0] * 5, "multiplier", [0.85, 0.9, 1.0, 0.9, 0.85], [1.15, 1.1, 1.0, 1.1, 1.15], "ASSUMPTION"),
    "dpp_response_imd": I([0.8, 0.9, 1.0, 1.05, 1.1], "multiplier", [0.6, 0.75, 1.0, 0.95, 0.9], [1.0, 1.0, 1.0, 1.15, 1.3], "ASSUMPTION"),
    "digital_dpp_share": I(0.0, "fraction", 0.0, 1.0, "Lever", lever=True),
    "digital_dpp_gain": I(0.08, "fraction", 0.04, 0.12, "Barron et al. 2023"),
    "digital_reach": I([0.99, 0.97, 0.93, 0.85, 0.6, 0.4], "fraction", [0.95, 0.9, 0.85, 0.75, 0.45, 0.25], [1.0, 1.0, 0.98, 0.92, 0.75, 0.55], "ONS 2020; ASSUMPTION"),
    "digital_reach_imd": I([0.9, 0.94, 0.97, 0.99, 1.0], "multiplier", [0.8, 0.88, 0.94, 0.97, 1.0], [0.96, 0.98, 0.99, 1.0, 1.0], "ASSUMPTION"),
    "dpp_effect_years": I(4.0, "yr", 2.0, 10.0, "Lever table: duration of DPP effect 4 yrs (2-10)"),
    "dpp_capacity_growth": I(0.0, "fraction", 0.0, 2.0, "Lever: DPP places relative to baseline", lever=True),
    "programme_util": I(0.9, "fraction", 0.8, 0.97, "ASSUMPTION: baseline utilisation of programme capacity"),
    "programme_hire_delay": I(0.5, "yr", 0.25, 1.0, "ASSUMPTION"),
    # ---------------- blood pressure ----------------
    "htn_prev": I(HTN_PREV, "fraction", sc(HTN_PREV, 1.0), sc(HTN_PREV, 1.07),
                  "HSE 2021 Part 2: 9% at 16-44 -> 60% at 65+; 30% of adults (30-32, ONS 2015-19: 32%). "
                  "Band split ASSUMPTION"),
    "htn_imd": I([1.35, 1.15, 1.0, 0.9, 0.78], "multiplier", [1.25, 1.1, 1.0, 0.93, 0.85], [1.45, 1.2, 1.0, 0.87, 0.72],
                 "HSE 2021 Part 2: age-adjusted 40% (Q1) vs 23% (Q5); split ASSUMPTION (normalised)"),
    "htn_undiagnosed_share": I(0.31, "fraction of HTN", 0.24, 0.32,
                               "ONS 2015-19 (29%); QMUL analysis of HSE 2003-21 (32.4% in 2021)"),
    "htn_treated_share": I(0.875, "fraction of diagnosed", 0.8, 0.95,
                           "Derived: 38% of all hypertensives controlled (QMUL 2021) and 63% of treated (Falaschetti 2014)"),
    "htn_control_target": I(0.63, "controlled/treated at equilibrium", 0.60, 0.80,
                            "Falaschetti, Lancet 2014: 63% of treated controlled (<140/90); NHSE ambition 80% (recalled)",
                            lever=True),
    "htn_detect": I(0.07, "/yr", 0.05, 0.25, "Lever table: 10%/yr (5-25%); 7% calibrated so the undiagnosed share falls slowly (QMUL HSE trend 2003-21)", lever=True),
    "htn_treat_start": I(0.5, "/yr", 0.3, 1.0, "ASSUMPTION"),
    "qof_target_share": I(0.47, "fraction", 0.3, 0.6, "ASSUMPTION (calibrated to CVDPREVENT ~70%)"),
    "home_bp": I(0.0, "fraction", 0.0, 1.0, "Lever: BP@home", lever=True),
    "home_bp_gain": I(0.3, "fraction", 0.1, 0.6, "ASSUMPTION"),
    "home_bp_cost": I(40.0, "GBP/person/yr", 20.0, 80.0, "ASSUMPTION"),
    # what a control programme or home monitoring adds to titration, and uptake of case finding, by quintile
    "htn_response_imd": I([0.85, 0.95, 1.0, 1.05, 1.1], "multiplier", [0.7, 0.85, 1.0, 0.95, 0.9], [1.0, 1.0, 1.0, 1.15, 1.3], "ASSUMPTION"),
    "htn_cf_uptake_imd": I([1.0] * 5, "multiplier", [0.85, 0.9, 1.0, 0.9, 0.85], [1.15, 1.1, 1.0, 1.1, 1.15], "ASSUMPTION"),
    "htn_control_loss": I(0.2, "/yr", 0.1, 0.4, "ASSUMPTION"),
    "sbp_gap_controlled": I(12.5, "mmHg", 10.0, 15.0, "ASSUMPTION (reference: ~10-15 mmHg)"),
    "sbp_gap_normotensive": I(25.0, "mmHg", 20.0, 30.0,
                              "ASSUMPTION, checked against Rapsomaniki 2014 lifetime CVD 63.3% vs 46.1%"),
    "rr10_mi": I(0.83, "RR per 10 mmHg", 0.78, 0.88, "Ettehad et al., Lancet 2016: CHD 0.83 (recalled)"),
    "rr10_stroke": I(0.73, "RR per 10 mmHg", 0.68, 0.79, "Ettehad 2016: stroke 0.73 (recalled)"),
    "rr10_hf": I(0.72, "RR per 10 mmHg", 0.67, 0.78, "Ettehad 2016: HF 0.72 (recalled)"),
    # ---------------- smoking ----------------
    "smk_prev": I(SMK_PREV, "fraction", sc(SMK_PREV, 0.9), sc(SMK_PREV, 1.1),
                  "ONS APS 2023: 11.9% of adults, highest at 25-34 (14.0%); band split ASSUMPTION"),
    "smk_imd": I([1.7, 1.2, 0.95, 0.65, 0.5], "multiplier", [1.5, 1.15, 1.0, 0.75, 0.6], [1.9, 1.25, 0.9, 0.55, 0.4],
                 "ONS 2023: 23.8% vs 6.8% most vs least deprived decile (England 2021); quintile split ASSUMPTION"),
    "ex_prev": I(EX_PREV, "fraction", sc(EX_PREV, 0.8), sc(EX_PREV, 1.2), "ASSUMPTION (long-term ex-smokers)"),
    "smk_initiation": I(0.002, "/yr of never smokers 18-39", 0.0, 0.01, "ASSUMPTION (calibrated to a falling prevalence, ONS APS trend)"),
    "unaided_attempt_rate": I(0.30, "/yr", 0.2, 0.4, "ASSUMPTION"),
    "unaided_success": I(0.05, "long-term success per attempt", 0.03, 0.08,
                         "ASSUMPTION (~5%); e-cigarette OR 1.95 (Jackson et al. 2024) not applied separately"),
    "sss_reach": I(0.033, "/yr of smokers", 0.02, 0.10,
                   "Lever table ~3% (2-10%); 176,566 quit dates 2022/23 (NHS Digital) scaled", lever=True),
    "sss_course": I(0.23, "yr", 0.15, 0.3, "ASSUMPTION (12-week course)"),
    "sss_4wk_quit": I(0.54, "fraction", 0.49, 0.55, "NHS Digital SSS statistics 2022/23: 54%"),
    "sss_uptake_imd": I([1.3, 1.15, 1.0, 0.9, 0.8], "multiplier", [1.0, 1.0, 1.0, 0.8, 0.6], [1.6, 1.3, 1.0, 1.0, 1.0], "ASSUMPTION"),
    "sss_success_imd": I([0.8, 0.9, 1.0, 1.05, 1.1], "multiplier", [0.65, 0.8, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.15, 1.25], "ASSUMPTION"),
    "quit_12m_conversion": I(0.30, "fraction", 0.25, 0.40, "ASSUMPTION: 4-week -> 12-month abstinence"),
    "late_relapse": I(0.01, "/yr", 0.0, 0.03, "ASSUMPTION"),
    "smk_mort_rr": I(2.5, "RR", 2.0, 3.0, "Doll 2004; Pirie 2013 (recalled): 2-3"),
    "recent_ex_mort_rr": I(2.0, "RR", 1.5, 2.5, "ASSUMPTION"),
    "long_ex_mort_rr": I(1.3, "RR", 1.1, 1.5, "ASSUMPTION (Pirie 2013: quitting by ~40 avoids ~90% of excess)"),
    "smk_cvd_rr": I(2.0, "RR", 1.5, 2.5, "ASSUMPTION"),
    "long_ex_cvd_rr": I(1.2, "RR", 1.0, 1.4, "ASSUMPTION"),
    # ---------------- weight ----------------
    "ob_prev": I(OB_PREV, "fraction", sc(OB_PREV, 0.9), sc(OB_PREV, 1.1),
                 "ASSUMPTION (HSE ~26% of adults; not in the reference)"),
    "ob_imd": I([1.25, 1.1, 1.0, 0.9, 0.75], "multiplier", [1.15, 1.05, 1.0, 0.95, 0.85], [1.35, 1.15, 1.0, 0.85, 0.65],
                "ASSUMPTION (normalised)"),
    "ob_remission": I(0.03, "/yr", 0.01, 0.06, "ASSUMPTION"),
    "ob_rr_ndh": I(2.0, "RR", 1.5, 2.5, "ASSUMPTION (obesity drives NDH incidence; Jones 2006 structure)"),
    "ob_rr_htn": I(1.8, "RR", 1.3, 2.3, "ASSUMPTION"),
    "wm_referral_rate": I(0.0, "/yr of obese with T2D/HTN", 0.0, 0.10, "Lever table: weight-management referrals 0-10%/yr",
                          lever=True),
    "wm_completion": I(0.22, "fraction", 0.15, 0.30, "NHSE / Obesity 2024: DWMP 22% complete"),
    "wm_remission_share": I(0.25, "fraction of completers", 0.1, 0.4, "ASSUMPTION (-3.9 kg completers, NHSE 2024)"),
    "wm_uptake_imd": I([0.8, 0.9, 1.0, 1.05, 1.1], "multiplier", [0.6, 0.75, 1.0, 0.95, 0.9], [1.0, 1.0, 1.0, 1.15, 1.3], "ASSUMPTION"),
    "wm_response_imd": I([0.8, 0.9, 1.0, 1.05, 1.1], "multiplier", [0.6, 0.75, 1.0, 0.95, 0.9], [1.0, 1.0, 1.0, 1.15, 1.3], "ASSUMPTION"),
    # ---------------- CVD ----------------
    "first_cvd_rate": I(CVD_RATE, "%/yr, uncontrolled HTN", sc(CVD_RATE, 0.6), sc(CVD_RATE, 1.4),
                        "ASSUMPTION: reference 1.0/2.0/3.5 %/yr at 45-64/65-74/75+ scaled by 0.7 (within +-40%) to "
                        "~2,200 strokes/yr (~100k/yr UK, Patel 2020); 18-39 and 40-54 extrapolated"),
    "cvd_split_mi": I(0.40, "fraction of first events", 0.3, 0.5, "ASSUMPTION"),
    "cvd_split_stroke": I(0.30, "fraction of first events", 0.25, 0.45, "ASSUMPTION"),
    "t2d_rr_mi": I(1.55, "RR", 1.4, 1.7, "NDA Complications & Mortality 2015/16: MI 1.55"),
    "t2d_rr_stroke": I(1.34, "RR", 1.2, 1.5, "NDA: stroke 1.34"),
    "t2d_rr_hf": I(1.73, "RR", 1.5, 2.0, "NDA: HF 1.73"),
    "cf_mi": I(0.12, "fraction", 0.08, 0.16, "ASSUMPTION (30-day case fatality)"),
    "cf_stroke": I(0.15, "fraction", 0.10, 0.20, "ASSUMPTION (30-day case fatality)"),
    "cf_hf": I(0.08, "fraction", 0.05, 0.12, "ASSUMPTION"),
    "recurrent_stroke": I(0.03, "/yr", 0.02, 0.06, "ASSUMPTION"),
    "mi_to_hf": I(0.015, "/yr", 0.01, 0.03, "ASSUMPTION"),
    "mi_prev": I(MI_PREV, "fraction", sc(MI_PREV, 0.8), sc(MI_PREV, 1.2), "ASSUMPTION (QOF CHD ~3%)"),
    "stroke_prev": I(ST_PREV, "fraction", sc(ST_PREV, 0.8), sc(ST_PREV, 1.2), "ASSUMPTION (QOF stroke/TIA ~1.8%)"),
    "hf_prev": I(HF_PREV, "fraction", sc(HF_PREV, 0.8), sc(HF_PREV, 1.2), "ASSUMPTION (QOF HF ~1%)"),
    "post_mi_mort_rr": I(1.5, "RR", 1.2, 2.0, "ASSUMPTION"),
    "post_stroke_mort_rr": I(2.0, "RR", 1.5, 2.5, "ASSUMPTION"),
    "hf_mort_rr": I(1.0, "RR", 0.8, 1.5, "ASSUMPTION"),
    "hf_excess_mort": I(0.09, "/yr", 0.06, 0.12, "Taylor et al., BMJ 2019"),
    "hf_admission_rate": I(0.22, "admissions/person/yr", 0.17, 0.3, "Lawson et al. 2019"),
    # ---------------- costs (GBP) ----------------
    "cost_t2d": I(1400.0, "GBP/person-yr", 1000.0, 1800.0,
                  "Derived so diagnosed T2D averages ~2,300/person-yr with complications (Hex 2012; YHEC 2024)"),
    "cost_t2d_compl": I(4000.0, "GBP/person-yr", 3000.0, 5000.0, "Derived (as cost_t2d)"),
    "cost_stroke_first": I(15000.0, "GBP", 13900.0, 16100.0,
                           "Patel et al., Age Ageing 2020: 45,409 societal first year; NHS + social care ~33%"),
    "cost_stroke_after": I(8200.0, "GBP/yr", 7000.0, 9500.0, "Patel 2020: 24,778 subsequent year x 33%"),
    "cost_mi_first": I(6000.0, "GBP", 3000.0, 9000.0, "ASSUMPTION"),
    "cost_mi_after": I(500.0, "GBP/yr", 250.0, 750.0, "ASSUMPTION"),
    "cost_hf": I(3000.0, "GBP/yr", 1500.0, 4500.0, "ASSUMPTION"),
    "cost_htn_treated": I(150.0, "GBP/yr", 75.0, 225.0, "ASSUMPTION"),
    "cost_htn_control_extra": I(60.0, "GBP/yr per controlled", 30.0, 90.0,
                                "ASSUMPTION: extra reviews and drugs to hold control"),
    "cost_ndh_monitor": I(30.0, "GBP/yr", 15.0, 45.0, "ASSUMPTION"),
    "cost_dpp_referral": I(141.0, "GBP/referral", 107.0, 178.0,
                           "DIPLOMA short-term cost-utility study (Univ. Manchester): 119 (2020 prices)"),
    "cost_sss_quit_date": I(250.0, "GBP", 150.0, 400.0, "ASSUMPTION"),
    "cost_case_finding": I(100.0, "GBP per new diagnosis", 50.0, 200.0, "ASSUMPTION"),
    "cost_wm_referral": I(250.0, "GBP/referral", 150.0, 400.0, "ASSUMPTION"),
    # ---------------- QALYs ----------------
    "u_dec_ndh": I(0.045, "utility decrement", 0.0, 0.045, "Grandy & Fox, HQLO 2008 (SHIELD, US)"),
    "u_dec_t2d": I(0.054, "utility decrement", 0.03, 0.08, "Grandy & Fox 2008"),
    "u_dec_t2d_compl": I(0.09, "utility decrement", 0.055, 0.164, "ASSUMPTION, within UKPDS 62 decrements"),
    "u_dec_mi": I(0.055, "utility decrement", 0.03, 0.09, "Clarke et al., MDM 2002 (UKPDS 62) (recalled)"),
    "u_dec_stroke": I(0.164, "utility decrement", 0.1, 0.2, "UKPDS 62 (recalled)"),
    "u_dec_hf": I(0.108, "utility decrement", 0.07, 0.15, "UKPDS 62 (recalled)"),
    "discount_rate": I(0.035, "/yr", 0.015, 0.035, "NICE PMG36 (2022) (recalled)"),
    # ---------------- equity ----------------
    "share_targeted_q12": I(0.40, "fraction of programme activity per eligible person weight", 0.20, 0.70,
                            "Lever table: share of spend targeted at IMD Q1-2, 40% (20-70%)", lever=True),
}


def base_params():
    return {k: v["value"] for k, v in INPUTS.items()}


def norm_mult(mult, shares):
    m = sum(mult[q] * shares[q] for q in range(NQ))
    return [x / m for x in mult]


def run(params=None, scenario=None, years=25, dt=1.0 / 12.0, check=True, trace=None):
    p = base_params()
    if params:
        p.update(params)
    scenario = scenario or {}

    def lev(name, t):
        return lever_value(p[name], scenario.get(name, ()), t)

    imd_share = p["imd_share"]
    # ---------------- constants ----------------
    imd_mort = norm_mult(p["imd_mort"], imd_share)
    ndh_imd = norm_mult(p["ndh_imd"], imd_share)
    t2d_imd = norm_mult(p["t2d_imd"], imd_share)
    htn_imd = norm_mult(p["htn_imd"], imd_share)
    smk_imd = norm_mult(p["smk_imd"], imd_share)
    ob_imd = norm_mult(p["ob_imd"], imd_share)
    hr_lin = [p["ndh_imd_hr"] - (p["ndh_imd_hr"] - 1.0) * q / 4.0 for q in range(NQ)]
    ndh_prog_imd = norm_mult(hr_lin, imd_share)
    rrc = {"mi": p["rr10_mi"] ** (p["sbp_gap_controlled"] / 10.0),
           "st": p["rr10_stroke"] ** (p["sbp_gap_controlled"] / 10.0),
           "hf": p["rr10_hf"] ** (p["sbp_gap_controlled"] / 10.0)}
    rrn = {"mi": p["rr10_mi"] ** (p["sbp_gap_normotensive"] / 10.0),
           "st": p["rr10_stroke"] ** (p["sbp_gap_normotensive"] / 10.0),
           "hf": p["rr10_hf"] ** (p["sbp_gap_normotensive"] / 10.0)}
    rr_dm = {"mi": p["t2d_rr_mi"], "st": p["t2d_rr_stroke"], "hf": p["t2d_rr_hf"]}
    split = {"mi": p["cvd_split_mi"], "st": p["cvd_split_stroke"],
             "hf": 1.0 - p["cvd_split_mi"] - p["cvd_split_stroke"]}
    relapse_rate = (1.0 - p["quit_12m_conversion"]) / p["quit_12m_conversion"]   # graduation 1/yr
    unaided_quit_rate = p["unaided_attempt_rate"] * p["unaided_success"] / p["quit_12m_conversion"]
    dpp_completion_of_starters = min(1.0, p["dpp_completion"] / p["dpp_uptake"])
    u_norm = [0.9509 + 0.0212 * 0.5 - 0.000259 * AGE_MID[a] - 0.0000332 * AGE_MID[a] ** 2 for a in range(NA)]
    detected_share = p["ndh_dx_progression_detected"]
    pop_growth_yr = [math.log(1.0 + p["pop_growth"][a] / 100.0) for a in range(NA)]
    ESP = [0.3432, 0.2602, 0.1549, 0.1301, 0.0805, 0.031]
    digital_reach_cell = [p["digital_reach"][KA[k]] * p["digital_reach_imd"][KQ[k]] for k in range(N)]

    # ---------------- initial stocks ----------------
    Pop = [p["icb_population"] * p["age_share"][KA[k]] * imd_share[KQ[k]] for k in range(N)]
    pop0 = Pop[:]
    ndh0 = [Pop[k] * p["ndh_prev"][KA[k]] * ndh_imd[KQ[k]] for k in range(N)]
    t2d0 = [Pop[k] * p["t2d_prev"][KA[k]] * t2d_imd[KQ[k]] for k in range(N)]
    dpp_ref0 = lev("dpp_referral_rate", 0.0)
    reg0 = [ndh0[k] * p["ndh_registered_share"] for k in range(N)]
    G_dpp = [reg0[k] * dpp_ref0 * p["dpp_duration"] / (1 + dpp_ref0 * (p["dpp_duration"] + p["dpp_effect_years"])) for k in range(N)]
    G_post = [reg0[k] * dpp_ref0 * p["dpp_effect_years"] / (1 + dpp_ref0 * (p["dpp_duration"] + p["dpp_effect_years"])) for k in range(N)]
    G_ndh_d = [max(0.0, reg0[k] - G_dpp[k] - G_post[k]) for k in range(N)]
    G_ndh_u = [ndh0[k] - reg0[k] for k in range(N)]
    G_t2d_u = [t2d0[k] * p["t2d_undiagnosed_share"] for k in range(N)]
    G_t2d_c = [t2d0[k] * (1 - p["t2d_undiagnosed_share"]) * p["t2d_complicated_share"] for k in range(N)]
    G_t2d_d = [t2d0[k] * (1 - p["t2d_undiagnosed_share"]) * (1 - p["t2d_complicated_share"]) for k in range(N)]
    G_normo = [Pop[k] - ndh0[k] - t2d0[k] for k in range(N)]
    htn0 = [Pop[k] * min(0.95, p["htn_prev"][KA[k]] * htn_imd[KQ[k]]) for k in range(N)]
    B_undx = [htn0[k] * p["htn_undiagnosed_share"] for k in range(N)]
    B_dxu = [htn0[k] * (1 - p["htn_undiagnosed_share"]) * (1 - p["htn_treated_share"]) for k in range(N)]
    ctrl0 = lev("htn_control_target", 0.0)
    B_tu = [htn0[k] * (1 - p["htn_undiagnosed_share"]) * p["htn_treated_share"] * (1 - ctrl0) for k in range(N)]
    B_tc = [htn0[k] * (1 - p["htn_undiagnosed_share"]) * p["htn_treated_share"] * ctrl0 for k in range(N)]
    B_norm = [Pop[k] - htn0[k] for k in range(N)]
    smk0 = [Pop[k] * p["smk_prev"][KA[k]] * smk_imd[KQ[k]] for k in range(N)]
    # Stop smoking uptake by quintile shares out the same reach; success by quintile averages to the national 54%
    # over the clients at the start.
    sss_u, sss_s = p["sss_uptake_imd"], p["sss_success_imd"]
    sss_uptake0 = sum(smk0) / sum(smk0[k] * sss_u[KQ[k]] for k in range(N))
    sss_success_norm = sum(smk0[k] * sss_u[KQ[k]] for k in range(N)) / sum(smk0[k] * sss_u[KQ[k]] * sss_s[KQ[k]] for k in range(N))
    S_quit = [smk0[k] * lev("sss_reach", 0.0) * sss_u[KQ[k]] * sss_uptake0 * p["sss_course"] for k in range(N)]
    S_cur = [smk0[k] - S_quit[k] for k in range(N)]
    S_rex = [(smk0[k] * lev("sss_reach", 0.0) * sss_u[KQ[k]] * sss_uptake0 * p["sss_4wk_quit"] * sss_s[KQ[k]] * sss_success_norm
              + S_cur[k] * unaided_quit_rate)
             / (1.0 + relapse_rate) for k in range(N)]
    S_lex = [Pop[k] * p["ex_prev"][KA[k]] for k in range(N)]
    S_never = [Pop[k] - smk0[k] - S_rex[k] - S_lex[k] for k in range(N)]
    W_ob = [Pop[k] * p["ob_prev"][KA[k]] * ob_imd[KQ[k]] for k in range(N)]
    W_not = [Pop[k] - W_ob[k] for k in range(N)]
    C_mi = [Pop[k] * p["mi_prev"][KA[k]] for k in range(N)]
    C_st = [Pop[k] * p["stroke_prev"][KA[k]] for k in range(N)]
    C_hf = [Pop[k] * p["hf_prev"][KA[k]] for k in range(N)]
    C_free = [Pop[k] - C_mi[k] - C_st[k] - C_hf[k] for k in range(N)]
    ob_share0 = [W_ob[k] / Pop[k] for k in range(N)]
    ob_share_icb0 = sum(W_ob) / sum(Pop)

    # init-time (INIT) values, filled at step 0
    init = {}

    # programme capacities (scalar), set at step 0 from baseline demand / utilisation
    DPP_capacity = None
    SSS_capacity = None
    HTN_cf_capacity = None
    NDH_cf_capacity = None

    acc_names = ["pop", "deaths", "deaths_u75_cvd", "pop_u75", "deaths_cvd", "deaths_dm", "deaths_smk", "deaths_other",
                 "ndh_true", "ndh_reg", "t2d_dx", "t2d_undx", "t2d_new", "t2d_new_dx", "diab_dx", "htn_true", "htn_dx",
                 "htn_undx", "htn_ctrl", "htn_treated", "smokers", "quit_dates", "quitters4", "dpp_ref", "dpp_starts",
                 "dpp_compl", "mi", "strokes", "hf", "obese", "cost_prog_dpp", "cost_prog_sss", "cost_prog_cf",
                 "cost_prog_wm", "cost_prog_bp", "cost_diabetes", "cost_cvd", "cost_htn", "cost_ndh", "cost_total", "disc_cost",
                 "qaly", "disc_qaly", "disc_cost_prog", "disc_cost_cond", "pop_q1", "pop_q5", "smk_q1", "smk_q5",
                 "diab_q1", "diab_q5", "cvd_q1", "cvd_q5", "deaths_q1", "deaths_q5"]
    acc = {n: 0.0 for n in acc_names}
    cum_entries = 0.0
    cum_deaths = 0.0
    cum_migration = 0.0
    Cum_disc_nhs = 0.0
    n_steps = steps_for(0.0, float(years), dt)
    spy = int(round(1.0 / dt))
    annual = []
    prev = None
    min_stock = (float("inf"), "", 0.0)
    max_chain_err = 0.0
    le_gap = []

    for step in range(n_steps + 1):
        t = step * dt
        dpp_referral_rate = lev("dpp_referral_rate", t)
        dpp_uptake = lev("dpp_uptake", t)
        dpp_completion = lev("dpp_completion", t)
        dpp_cos = min(1.0, dpp_completion / dpp_uptake)
        dpp_capacity_growth = lev("dpp_capacity_growth", t)
        htn_control_target = lev("htn_control_target", t)
        htn_detect = lev("htn_detect", t)
        ndh_detect = lev("ndh_detect", t)
        sss_reach = lev("sss_reach", t)
        wm_referral_rate = lev("wm_referral_rate", t)
        share_targeted_q12 = lev("share_targeted_q12", t)
        digital_dpp_share = lev("digital_dpp_share", t)
        home_bp = lev("home_bp", t)
        improve = (1.0 - p["mort_improvement"] / 100.0) ** t

        # ---------- risk-factor attribute fractions per cell ----------
        t2d_all = [G_t2d_u[k] + G_t2d_d[k] + G_t2d_c[k] for k in range(N)]
        ob_share = [W_ob[k] / Pop[k] for k in range(N)]
        smk_mort_factor = [(S_never[k] + (S_cur[k] + S_quit[k]) * p["smk_mort_rr"] + S_rex[k] * p["recent_ex_mort_rr"]
                            + S_lex[k] * p["long_ex_mort_rr"]) / Pop[k] for k in range(N)]
        dm_mort_factor = [(Pop[k] - t2d_all[k] + (G_t2d_u[k] + G_t2d_d[k]) * p["t2d_mort_rr"]
                           + G_t2d_c[k] * p["t2d_compl_mort_rr"]) / Pop[k] for k in range(N)]
        cvd_mort_factor = [(C_free[k] + C_mi[k] * p["post_mi_mort_rr"] + C_st[k] * p["post_stroke_mort_rr"]
                            + C_hf[k] * p["hf_mort_rr"]) / Pop[k] for k in range(N)]
        rr_smk_cvd = [(S_never[k] + S_lex[k] * p["long_ex_cvd_rr"] + S_rex[k] * 0.5 * (1 + p["smk_cvd_rr"])
                       + (S_cur[k] + S_quit[k]) * p["smk_cvd_rr"]) / Pop[k] for k in range(N)]
        rr_bp = {e: [(B_norm[k] * rrn[e] + B_undx[k] + B_dxu[k] + B_tu[k] + B_tc[k] * rrc[e]) / Pop[k]
                     for k in range(N)] for e in ("mi", "st", "hf")}
        rr_t2d = {e: [1.0 + (rr_dm[e] - 1.0) * t2d_all[k] / Pop[k] for k in range(N)] for e in ("mi", "st", "hf")}
        if step == 0:
            init["rr_smk_cvd_ref"] = sum(rr_smk_cvd[k] * Pop[k] for k in range(N)) / sum(Pop)
            init["rr_t2d_ref"] = {e: sum(rr_t2d[e][k] * Pop[k] for k in range(N)) / sum(Pop) for e in rr_t2d}
        cvd_hazard = {e: [p["first_cvd_rate"][KA[k]] / 100.0 * split[e] * rr_bp[e][k]
                          * rr_t2d[e][k] / init["rr_t2d_ref"][e] * rr_smk_cvd[k] / init["rr_smk_cvd_ref"]
                          for k in range(N)] for e in ("mi", "st", "hf")}
        first_mi = [C_free[k] * cvd_hazard["mi"][k] for k in range(N)]
        first_stroke = [C_free[k] * cvd_hazard["st"][k] for k in range(N)]
        first_hf = [C_free[k] * cvd_hazard["hf"][k] for k in range(N)]
        recurrent_strokes = [C_st[k] * p["recurrent_stroke"] for k in range(N)]
        mi_hf = [C_mi[k] * p["mi_to_hf"] for k in range(N)]
        fatal_mi = [first_mi[k] * p["cf_mi"] for k in range(N)]
        fatal_stroke = [first_stroke[k] * p["cf_stroke"] for k in range(N)]
        fatal_hf = [first_hf[k] * p["cf_hf"] for k in range(N)]
        fatal_recurrent = [recurrent_strokes[k] * p["cf_stroke"] for k in range(N)]
        acute_cvd_deaths = [fatal_mi[k] + fatal_stroke[k] + fatal_hf[k] + fatal_recurrent[k] for k in range(N)]

        # ---------- deaths ----------
        base_deaths = [Pop[k] * p["m_other"][KA[k]] / 1000.0 * imd_mort[KQ[k]] * improve for k in range(N)]
        hf_excess_deaths = [C_hf[k] * p["hf_excess_mort"] * improve for k in range(N)]
        smoking_excess_deaths = [base_deaths[k] * (smk_mort_factor[k] - 1.0) for k in range(N)]
        diabetes_excess_deaths = [base_deaths[k] * smk_mort_factor[k] * (dm_mort_factor[k] - 1.0) for k in range(N)]
        cvd_chronic_deaths = [base_deaths[k] * smk_mort_factor[k] * dm_mort_factor[k] * (cvd_mort_factor[k] - 1.0)
                              for k in range(N)]
        chronic_deaths = [base_deaths[k] * smk_mort_factor[k] * dm_mort_factor[k] * cvd_mort_factor[k]
                          for k in range(N)]
        deaths = [chronic_deaths[k] + acute_cvd_deaths[k] + hf_excess_deaths[k] for k in range(N)]

        def alloc(stocks, weights):
            """Deaths of each state of a chain: cell deaths shared in proportion to stock x relative risk."""
            out = []
            for k in range(N):
                den = sum(s[k] * w for s, w in zip(stocks, weights))
                out.append([deaths[k] * s[k] * w / den if den > 0 else 0.0 for s, w in zip(stocks, weights)])
            return out
        g_stocks = [G_normo, G_ndh_u, G_ndh_d, G_dpp, G_post, G_t2d_u, G_t2d_d, G_t2d_c]
        g_w = [1.0, 1.0, 1.0, 1.0, 1.0, p["t2d_mort_rr"], p["t2d_mort_rr"], p["t2d_compl_mort_rr"]]
        g_deaths = alloc(g_stocks, g_w)
        b_stocks = [B_norm, B_undx, B_dxu, B_tu, B_tc]
        b_deaths = alloc(b_stocks, [1.0] * 5)
        s_stocks = [S_never, S_cur, S_quit, S_rex, S_lex]
        s_deaths = alloc(s_stocks, [1.0, p["smk_mort_rr"], p["smk_mort_rr"], p["recent_ex_mort_rr"],
                                    p["long_ex_mort_rr"]])
        w_stocks = [W_ob, W_not]
        w_deaths = alloc(w_stocks, [1.0, 1.0])
        # CVD chain: acute deaths leave their source state explicitly; chronic deaths shared by weights
        c_chronic = []
        for k in range(N):
            den = (C_free[k] + C_mi[k] * p["post_mi_mort_rr"] + C_st[k] * p["post_stroke_mort_rr"]
                   + C_hf[k] * p["hf_mort_rr"])
            c_chronic.append([chronic_deaths[k] * C_free[k] / den, chronic_deaths[k] * C_mi[k] * p["post_mi_mort_rr"] / den,
                              chronic_deaths[k] * C_st[k] * p["post_stroke_mort_rr"] / den,
                              chronic_deaths[k] * C_hf[k] * p["hf_mort_rr"] / den])

        # ---------- demography: entry at 18 and ageing (stationary at t0) ----------
        if step == 0:
            dq = [[deaths[a * NQ + q] for a in range(NA)] for q in range(NQ)]
            init["entry"] = [sum(dq[q]) for q in range(NQ)]
            init["ageing_rate"] = [sum(dq[KQ[k]][b] for b in range(KA[k] + 1, NA)) / Pop[k] for k in range(N)]
            init["ref_death_rate"] = [deaths[k] / Pop[k] for k in range(N)]
        ageing_rate = init["ageing_rate"]
        entry = init["entry"]
        ref_death_rate = init["ref_death_rate"]

        def ageing(stock):
            out = [stock[k] * ageing_rate[k] for k in range(N)]
            inn = [out[k - NQ] if KA[k] > 0 else 0.0 for k in range(N)]
            return out, inn

        def entries(share):
            return [entry[KQ[k]] * share if KA[k] == 0 else 0.0 for k in range(N)]

        def entries_q(share_q):
            return [entry[KQ[k]] * share_q[KQ[k]] if KA[k] == 0 else 0.0 for k in range(N)]
        e_ndh = [p["entry_ndh"] * ndh_imd[q] for q in range(NQ)]
        e_t2d = [p["entry_t2d"] * t2d_imd[q] for q in range(NQ)]
        e_normo = [1 - p["entry_ndh"] * ndh_imd[q] - p["entry_t2d"] * t2d_imd[q] for q in range(NQ)]
        e_htn = [min(0.95, p["entry_htn"] * htn_imd[q]) for q in range(NQ)]
        e_smk = [p["entry_smoker"] * smk_imd[q] for q in range(NQ)]
        e_ob = [p["entry_obese"] * ob_imd[q] for q in range(NQ)]

        # ---------- equity targeting weights (programme rate multipliers) ----------
        wq = [share_targeted_q12 / 0.4 if q < 2 else (1 - share_targeted_q12) / 0.6 for q in range(NQ)]

        def eq_mult(elig):
            tot = sum(elig)
            wt = sum(elig[k] * wq[KQ[k]] for k in range(N))
            return tot / wt if wt > 0 else 1.0

        # ---------- glycaemia flows ----------
        ob_ratio_ndh = [(1 + (p["ob_rr_ndh"] - 1) * ob_share[k]) / (1 + (p["ob_rr_ndh"] - 1) * ob_share0[k])
                        for k in range(N)]
        prog_mult = [ndh_prog_imd[KQ[k]] * (1 + (p["obese_hr_progression"] - 1) * ob_share[k])
                     / (1 + (p["obese_hr_progression"] - 1) * ob_share_icb0) for k in range(N)]
        prog_u = [G_ndh_u[k] * p["ndh_to_t2d"] * prog_mult[k] for k in range(N)]
        prog_d = [G_ndh_d[k] * p["ndh_to_t2d"] * prog_mult[k] for k in range(N)]
        dpp_uptake_cell = [min(1.0, dpp_uptake * p["dpp_uptake_imd"][KQ[k]] + digital_dpp_share * p["digital_dpp_gain"] * digital_reach_cell[k])
                           for k in range(N)]
        dpp_effect = [1 - (1 - p["dpp_rr"]) * dpp_uptake_cell[k] / dpp_uptake * p["dpp_response_imd"][KQ[k]] for k in range(N)]
        prog_dpp = [G_dpp[k] * p["ndh_to_t2d"] * prog_mult[k] * dpp_effect[k] for k in range(N)]
        prog_post = [G_post[k] * p["ndh_to_t2d"] * prog_mult[k] * dpp_effect[k] for k in range(N)]
        regress_u = [G_ndh_u[k] * p["ndh_regress"] for k in range(N)]
        regress_d = [G_ndh_d[k] * p["ndh_regress"] for k in range(N)]
        regress_post = [G_post[k] * p["ndh_regress"] for k in range(N)]
        regress_dpp = [G_dpp[k] * p["ndh_regress"] for k in range(N)]
        ndh_eq = eq_mult(G_ndh_u)
        ndh_detect_demand = [G_ndh_u[k] * ndh_detect * wq[KQ[k]] * ndh_eq for k in range(N)]
        dpp_eq = eq_mult(G_ndh_d)
        dpp_referrals = [G_ndh_d[k] * dpp_referral_rate * wq[KQ[k]] * dpp_eq for k in range(N)]
        dpp_start_demand = [dpp_referrals[k] for k in range(N)]
        dpp_exit = [G_dpp[k] / p["dpp_duration"] for k in range(N)]
        post_decay = [G_post[k] / p["dpp_effect_years"] for k in range(N)]
        t2d_detect_flow = [G_t2d_u[k] * p["t2d_detect"] for k in range(N)]
        compl_flow = [G_t2d_d[k] * p["t2d_compl_rate"] for k in range(N)]
        # ---------- blood pressure flows ----------
        ob_ratio_htn = [(1 + (p["ob_rr_htn"] - 1) * ob_share[k]) / (1 + (p["ob_rr_htn"] - 1) * ob_share0[k])
                        for k in range(N)]
        htn_u = p["htn_cf_uptake_imd"]
        htn_cf_weighted = sum(B_undx[k] * wq[KQ[k]] * htn_u[KQ[k]] for k in range(N))
        htn_eq = sum(B_undx) / htn_cf_weighted if htn_cf_weighted > 0 else 1.0
        htn_detect_demand = [B_undx[k] * htn_detect * wq[KQ[k]] * htn_u[KQ[k]] * htn_eq for k in range(N)]
        treat_start = [B_dxu[k] * p["htn_treat_start"] for k in range(N)]
        # titration rate chosen so that controlled/treated settles at the target given loss of control and the
        # death rate of the treated (INIT); ageing in and out carry the same ratio and roughly cancel
        if step == 0:
            init["treated_exit_rate"] = [deaths[k] / Pop[k] for k in range(N)]
            init["htn_response_norm"] = sum(B_tu) / sum(B_tu[k] * p["htn_response_imd"][KQ[k]] for k in range(N))
        # what a higher target adds to the rate that holds today's share is shared out by the response by quintile
        titration0 = [ctrl0 * (p["htn_control_loss"] + init["treated_exit_rate"][k]) / (1.0 - ctrl0) for k in range(N)]
        htn_resp = [p["htn_response_imd"][KQ[k]] * init["htn_response_norm"] for k in range(N)]
        titration_rate = [titration0[k] + (htn_control_target * (p["htn_control_loss"] + init["treated_exit_rate"][k])
                                           / (1.0 - htn_control_target) - titration0[k]) * htn_resp[k] for k in range(N)]
        control_gain = [B_tu[k] * titration_rate[k] * (1 + home_bp * p["home_bp_gain"] * digital_reach_cell[k] * htn_resp[k])
                        for k in range(N)]
        control_loss = [B_tc[k] * p["htn_control_loss"] for k in range(N)]
        # ---------- smoking flows ----------
        initiation = [S_never[k] * p["smk_initiation"] if KA[k] == 0 else 0.0 for k in range(N)]
        unaided_quits = [S_cur[k] * unaided_quit_rate for k in range(N)]
        sss_wt = sum(S_cur[k] * wq[KQ[k]] * sss_u[KQ[k]] for k in range(N))
        sss_eq = sum(S_cur) / sss_wt if sss_wt > 0 else 1.0
        sss_demand = [S_cur[k] * sss_reach * wq[KQ[k]] * sss_u[KQ[k]] * sss_eq for k in range(N)]
        quit_end = [S_quit[k] / p["sss_course"] for k in range(N)]
        quitters_4wk = [quit_end[k] * p["sss_4wk_quit"] * sss_s[KQ[k]] * sss_success_norm for k in range(N)]
        quit_fail = [quit_end[k] - quitters_4wk[k] for k in range(N)]
        relapse = [S_rex[k] * relapse_rate for k in range(N)]
        graduate = [S_rex[k] * 1.0 for k in range(N)]
        late_relapse = [S_lex[k] * p["late_relapse"] for k in range(N)]
        # ---------- weight flows ----------
        wm_referrals = [W_ob[k] * wm_referral_rate * 0.5 for k in range(N)]   # 0.5 = share with T2D/HTN (ASSUMPTION)
        if step == 0:
            wm_u, wm_r = p["wm_uptake_imd"], p["wm_response_imd"]
            init["wm_uptake_norm"] = sum(W_ob) / sum(W_ob[k] * wm_u[KQ[k]] for k in range(N))
            init["wm_response_norm"] = (sum(W_ob[k] * wm_u[KQ[k]] for k in range(N))
                                        / sum(W_ob[k] * wm_u[KQ[k]] * wm_r[KQ[k]] for k in range(N)))
        wm_remissions = [wm_referrals[k] * p["wm_completion"] * p["wm_uptake_imd"][KQ[k]] * init["wm_uptake_norm"]
                         * p["wm_remission_share"] * p["wm_response_imd"][KQ[k]] * init["wm_response_norm"] for k in range(N)]
        ob_remit = [W_ob[k] * p["ob_remission"] + wm_remissions[k] for k in range(N)]

        # ---------- programme capacities (scalar stocks) ----------
        if step == 0:
            DPP_capacity = sum(G_dpp) / p["programme_util"]
            SSS_capacity = sum(sss_demand) / p["programme_util"]
            HTN_cf_capacity = sum(htn_detect_demand) / p["programme_util"]
            NDH_cf_capacity = sum(ndh_detect_demand) / p["programme_util"]
            init["dpp_cap"], init["sss_cap"] = DPP_capacity, SSS_capacity
            init["htn_cf_cap"], init["ndh_cf_cap"] = HTN_cf_capacity, NDH_cf_capacity
            init["dpp_ref_rate"] = dpp_referral_rate
            init["sss_reach"], init["htn_detect"], init["ndh_detect"] = sss_reach, htn_detect, ndh_detect
        dpp_intake_capacity = max(0.0, DPP_capacity - sum(G_dpp)) / 0.25 + sum(dpp_exit)
        dpp_access = min(1.0, dpp_intake_capacity / max(sum(dpp_start_demand), 1e-9))
        dpp_entries = [dpp_start_demand[k] * dpp_access for k in range(N)]
        dpp_ends = dpp_exit
        dpp_starts_kpi = sum(dpp_entries[k] * dpp_uptake_cell[k] for k in range(N))
        dpp_completions_kpi = sum(dpp_ends[k] * dpp_uptake_cell[k] for k in range(N)) * dpp_completion / dpp_uptake
        sss_access = min(1.0, SSS_capacity / max(sum(sss_demand), 1e-9))
        quit_dates = [sss_demand[k] * sss_access for k in range(N)]
        htn_access = min(1.0, HTN_cf_capacity / max(sum(htn_detect_demand), 1e-9))
        htn_detections = [htn_detect_demand[k] * htn_access for k in range(N)]
        ndh_access = min(1.0, NDH_cf_capacity / max(sum(ndh_detect_demand), 1e-9))
        ndh_detections = [ndh_detect_demand[k] * ndh_access for k in range(N)]
        # capacity targets follow the levers relative to baseline (planned), hiring delay
        dpp_cap_target = init["dpp_cap"] * (1.0 + dpp_capacity_growth)
        sss_cap_target = init["sss_cap"] * sss_reach / init["sss_reach"]
        htn_cf_target = init["htn_cf_cap"] * htn_detect / init["htn_detect"]
        ndh_cf_target = init["ndh_cf_cap"] * ndh_detect / init["ndh_detect"]

        # ---------- incidences back-solved at t0 (INIT) ----------
        g_age_out = [ageing(s)[0] for s in g_stocks]
        g_age_in = [ageing(s)[1] for s in g_stocks]
        b_age = [ageing(s) for s in b_stocks]
        s_age = [ageing(s) for s in s_stocks]
        w_age = [ageing(s) for s in w_stocks]
        c_stocks = [C_free, C_mi, C_st, C_hf]
        c_age = [ageing(s) for s in c_stocks]
        pop_age_out, pop_age_in = ageing(Pop)
        if step == 0:
            # NDH states: 1..4 in g_stocks
            ndh_rate = []
            htn_rate = []
            ob_rate = []
            for k in range(N):
                out_ndh = (prog_u[k] + prog_d[k] + prog_dpp[k] + prog_post[k] + regress_u[k] + regress_d[k]
                           + regress_dpp[k] + regress_post[k] + sum(g_deaths[k][i] for i in (1, 2, 3, 4))
                           + sum(g_age_out[i][k] for i in (1, 2, 3, 4)))
                in_ndh = sum(g_age_in[i][k] for i in (1, 2, 3, 4)) + (entry[KQ[k]] * e_ndh[KQ[k]] if KA[k] == 0 else 0)
                ndh_rate.append(max(0.0, out_ndh - in_ndh) / G_normo[k])
                out_htn = sum(b_deaths[k][i] for i in (1, 2, 3, 4)) + sum(b_age[i][0][k] for i in (1, 2, 3, 4))
                in_htn = sum(b_age[i][1][k] for i in (1, 2, 3, 4)) + (entry[KQ[k]] * e_htn[KQ[k]] if KA[k] == 0 else 0)
                htn_rate.append(max(0.0, out_htn - in_htn) / B_norm[k])
                out_ob = W_ob[k] * p["ob_remission"] + w_deaths[k][0] + w_age[0][0][k]
                in_ob = w_age[0][1][k] + (entry[KQ[k]] * e_ob[KQ[k]] if KA[k] == 0 else 0)
                ob_rate.append(max(0.0, out_ob - in_ob) / W_not[k])
            init["ndh_inc_rate"], init["htn_inc_rate"], init["ob_inc_rate"] = ndh_rate, htn_rate, ob_rate
        ndh_incidence = [G_normo[k] * init["ndh_inc_rate"][k] * ob_ratio_ndh[k] for k in range(N)]
        htn_incidence = [B_norm[k] * init["htn_inc_rate"][k] * ob_ratio_htn[k] for k in range(N)]
        ob_incidence = [W_not[k] * init["ob_inc_rate"][k] for k in range(N)]

        # ---------- costs, QALYs (per year) ----------
        discount = (1.0 + p["discount_rate"]) ** (-t)
        cost_prog_dpp = sum(dpp_entries) * p["cost_dpp_referral"]
        cost_home_bp = sum(B_tu[k] * digital_reach_cell[k] for k in range(N)) * home_bp * p["home_bp_cost"]
        cost_prog_sss = sum(quit_dates) * p["cost_sss_quit_date"]
        cost_prog_cf = (sum(htn_detections) + sum(ndh_detections)) * p["cost_case_finding"]
        cost_prog_wm = sum(wm_referrals) * p["cost_wm_referral"]
        cost_prog_bp = sum(B_tc) * p["cost_htn_control_extra"]
        cost_diabetes = sum(G_t2d_d) * p["cost_t2d"] + sum(G_t2d_c) * p["cost_t2d_compl"]
        cost_cvd = (sum(first_stroke) + sum(recurrent_strokes)) * p["cost_stroke_first"] + sum(C_st) * p["cost_stroke_after"] \
            + sum(first_mi) * p["cost_mi_first"] + sum(C_mi) * p["cost_mi_after"] + sum(C_hf) * p["cost_hf"]
        cost_htn = (sum(B_tu) + sum(B_tc)) * p["cost_htn_treated"]
        cost_ndh = (sum(G_ndh_d) + sum(G_dpp) + sum(G_post)) * p["cost_ndh_monitor"]
        cost_prog = cost_prog_dpp + cost_prog_sss + cost_prog_cf + cost_prog_wm + cost_prog_bp + cost_home_bp
        cost_cond = cost_diabetes + cost_cvd + cost_htn + cost_ndh
        cost_total = cost_prog + cost_cond
        cost_nhs = cost_prog_dpp + cost_prog_bp + cost_home_bp + cost_cond
        cost_la = cost_prog_sss + cost_prog_cf + cost_prog_wm
        cost_by_payer = cost_nhs + cost_la
        cost_nhs_prevention = cost_prog_dpp + cost_prog_bp + cost_home_bp
        disc_nhs = cost_nhs * discount
        # ---------- KPIs: the national hypertension measure, the hospital link, equity ----------
        htn_recorded = sum(B_dxu) + sum(B_tu) + sum(B_tc)
        cvdprevent = (sum(B_tc) + p["qof_target_share"] * sum(B_tu)) / htn_recorded
        link_admissions = (sum(first_mi) + sum(first_stroke) + sum(recurrent_strokes) + sum(first_hf) + sum(mi_hf)
                           + sum(C_hf) * p["hf_admission_rate"])
        pop_q = [sum(Pop[k] for k in range(N) if KQ[k] == q) for q in range(NQ)]
        imd_weight = [pop_q[q] / sum(Pop) for q in range(NQ)]
        imd_cum = []
        c = 0.0
        for q in range(NQ):
            c = c + imd_weight[q]
            imd_cum.append(c)
        imd_rank = [imd_cum[q] - imd_weight[q] / 2.0 for q in range(NQ)]
        rank_mean = sum(imd_weight[q] * imd_rank[q] for q in range(NQ))
        imd_rank_c = [imd_rank[q] - rank_mean for q in range(NQ)]
        pop_a = [sum(Pop[k] for k in range(N) if KA[k] == a) for a in range(NA)]
        smk_by_age = [(sum(S_cur[k] for k in range(N) if KA[k] == a) + sum(S_quit[k] for k in range(N) if KA[k] == a)) / pop_a[a] for a in range(NA)]
        t2d_by_age = [sum(t2d_all[k] for k in range(N) if KA[k] == a) / pop_a[a] for a in range(NA)]
        t2d_cell = [t2d_all[k] / Pop[k] for k in range(N)]
        t2d_std_imd = [sum(ESP[a] * t2d_cell[a * NQ + q] for a in range(NA)) for q in range(NQ)]
        cvd_deaths_cell = [acute_cvd_deaths[k] + cvd_chronic_deaths[k] + hf_excess_deaths[k] for k in range(N)]
        prem_cvd_imd = [sum(cvd_deaths_cell[k] for k in range(N) if KQ[k] == q and UNDER75[KA[k]] > 0)
                        / sum(Pop[k] for k in range(N) if KQ[k] == q and UNDER75[KA[k]] > 0) * 1e5 for q in range(NQ)]
        cvd_per_1000_age = [sum(cvd_deaths_cell[k] for k in range(N) if KA[k] == a) / pop_a[a] * 1000 for a in range(NA)]
        cvd_per_100k_age = [cvd_per_1000_age[a] * 100 for a in range(NA)]
        smk_imd_prev = [(sum(S_cur[k] for k in range(N) if KQ[k] == q) + sum(S_quit[k] for k in range(N) if KQ[k] == q)) / pop_q[q] for q in range(NQ)]
        sii_den = sum(imd_weight[q] * imd_rank_c[q] ** 2 for q in range(NQ))
        sii_prem_cvd = -sum(imd_weight[q] * imd_rank_c[q] * prem_cvd_imd[q] for q in range(NQ)) / sii_den
        sii_smoking = -sum(imd_weight[q] * imd_rank_c[q] * smk_imd_prev[q] for q in range(NQ)) / sii_den * 100
        le_q = life_expectancy_by_imd(deaths, Pop)
        sii_le = -sum(imd_weight[q] * imd_rank_c[q] * le_q[q] for q in range(NQ)) / sii_den
        diag_t2d_by_age = [(sum(G_t2d_d[k] for k in range(N) if KA[k] == a) + sum(G_t2d_c[k] for k in range(N) if KA[k] == a)) / pop_a[a]
                           for a in range(NA)]
        diag_std = sum(ESP[a] * diag_t2d_by_age[a] for a in range(NA))
        qaly_rate = sum(Pop[k] * u_norm[KA[k]] - (G_ndh_u[k] + G_ndh_d[k] + G_dpp[k] + G_post[k]) * p["u_dec_ndh"]
                        - (G_t2d_u[k] + G_t2d_d[k]) * p["u_dec_t2d"] - G_t2d_c[k] * p["u_dec_t2d_compl"]
                        - C_mi[k] * p["u_dec_mi"] - C_st[k] * p["u_dec_stroke"] - C_hf[k] * p["u_dec_hf"]
                        for k in range(N))

        # accumulators
        rates = {
            "pop": sum(Pop), "deaths": sum(deaths),
            "deaths_u75_cvd": sum((acute_cvd_deaths[k] + cvd_chronic_deaths[k] + hf_excess_deaths[k]) * UNDER75[KA[k]] for k in range(N)),
            "pop_u75": sum(Pop[k] * UNDER75[KA[k]] for k in range(N)),
            "deaths_cvd": sum(acute_cvd_deaths) + sum(cvd_chronic_deaths) + sum(hf_excess_deaths), "deaths_dm": sum(diabetes_excess_deaths),
            "deaths_smk": sum(smoking_excess_deaths), "deaths_other": sum(base_deaths),
            "ndh_true": sum(G_ndh_u) + sum(G_ndh_d) + sum(G_dpp) + sum(G_post),
            "ndh_reg": sum(G_ndh_d) + sum(G_dpp) + sum(G_post),
            "t2d_dx": sum(G_t2d_d) + sum(G_t2d_c), "t2d_undx": sum(G_t2d_u),
            "t2d_new": sum(prog_u) + sum(prog_d) + sum(prog_dpp) + sum(prog_post),
            "t2d_new_dx": sum(t2d_detect_flow) + (sum(prog_d) + sum(prog_dpp) + sum(prog_post)) * detected_share,
            "diab_dx": sum(G_t2d_d) + sum(G_t2d_c) + p["t1d_prev"] * sum(Pop),
            "htn_true": sum(B_undx) + sum(B_dxu) + sum(B_tu) + sum(B_tc), "htn_dx": sum(B_dxu) + sum(B_tu) + sum(B_tc),
            "htn_undx": sum(B_undx), "htn_ctrl": sum(B_tc), "htn_treated": sum(B_tu) + sum(B_tc),
            "smokers": sum(S_cur) + sum(S_quit), "quit_dates": sum(quit_dates), "quitters4": sum(quitters_4wk),
            "dpp_ref": sum(dpp_entries), "dpp_starts": dpp_starts_kpi, "dpp_compl": dpp_completions_kpi,
            "mi": sum(first_mi), "strokes": sum(first_stroke) + sum(recurrent_strokes), "hf": sum(first_hf) + sum(mi_hf),
            "obese": sum(W_ob),
            "cost_prog_dpp": cost_prog_dpp, "cost_prog_sss": cost_prog_sss, "cost_prog_cf": cost_prog_cf,
            "cost_prog_wm": cost_prog_wm, "cost_prog_bp": cost_prog_bp, "cost_diabetes": cost_diabetes, "cost_cvd": cost_cvd, "cost_htn": cost_htn,
            "cost_ndh": cost_ndh, "cost_total": cost_total, "disc_cost": cost_total * discount,
            "qaly": qaly_rate, "disc_qaly": qaly_rate * discount, "disc_cost_prog": cost_prog * discount,
            "disc_cost_cond": cost_cond * discount,
            "pop_q1": sum(Pop[k] for k in range(N) if KQ[k] == 0), "pop_q5": sum(Pop[k] for k in range(N) if KQ[k] == 4),
            "smk_q1": sum(S_cur[k] + S_quit[k] for k in range(N) if KQ[k] == 0),
            "smk_q5": sum(S_cur[k] + S_quit[k] for k in range(N) if KQ[k] == 4),
            "diab_q1": sum(t2d_all[k] for k in range(N) if KQ[k] == 0),
            "diab_q5": sum(t2d_all[k] for k in range(N) if KQ[k] == 4),
            "cvd_q1": sum(first_mi[k] + first_stroke[k] + first_hf[k] for k in range(N) if KQ[k] == 0),
            "cvd_q5": sum(first_mi[k] + first_stroke[k] + first_hf[k] for k in range(N) if KQ[k] == 4),
            "deaths_q1": sum(deaths[k] for k in range(N) if KQ[k] == 0),
            "deaths_q5": sum(deaths[k] for k in range(N) if KQ[k] == 4),
        }
        # ---------- net migration (each band follows its projection; deaths beyond the start's rates change the population) ----------
        net_migration = [Pop[k] * pop_growth_yr[KA[k]] - (entries(1.0)[k] + pop_age_in[k] - pop_age_out[k] - Pop[k] * ref_death_rate[k] * improve)
                         for k in range(N)]

        def mig(stock):
            return [net_migration[k] * stock[k] / Pop[k] for k in range(N)]
        g_mig = [mig(x) for x in g_stocks]
        b_mig = [mig(x) for x in b_stocks]
        s_mig = [mig(x) for x in s_stocks]
        w_mig = [mig(x) for x in w_stocks]
        c_mig = [mig(x) for x in c_stocks]

        # ---------- recording ----------
        if step % spy == 0:
            snap = dict(acc)
            snap["t"] = t
            snap["state"] = state_summary(Pop, G_ndh_u, G_ndh_d, G_dpp, G_post, G_t2d_u, G_t2d_d, G_t2d_c, B_undx, B_dxu,
                                          B_tu, B_tc, S_cur, S_quit, C_mi, C_st, C_hf, W_ob, p)
            if prev is not None:
                annual.append(annual_kpis(prev, snap))
            prev = snap
            le_gap.append(life_expectancy_gap(deaths, Pop))
        if trace is not None:   # cross-check hook (tests/crosscheck/nhs): every value at time t
            trace(step, t, locals())
        if step == n_steps:
            break

        # ---------- Euler update ----------
        d = dt
        G_normo = [G_normo[k] + d * (entries_q(e_normo)[k] + g_mig[0][k] + g_age_in[0][k] - g_age_out[0][k]
                                     - ndh_incidence[k] + regress_u[k] + regress_d[k] + regress_dpp[k] + regress_post[k]
                                     - g_deaths[k][0])
                   for k in range(N)]
        G_ndh_u = [G_ndh_u[k] + d * (entries_q(e_ndh)[k] + g_mig[1][k] + g_age_in[1][k] - g_age_out[1][k] + ndh_incidence[k]
                                     - regress_u[k] - ndh_detections[k] - prog_u[k] - g_deaths[k][1]) for k in range(N)]
        G_ndh_d = [G_ndh_d[k] + d * (g_mig[2][k] + g_age_in[2][k] - g_age_out[2][k] + ndh_detections[k] - regress_d[k] - prog_d[k]
                                     - dpp_entries[k] + post_decay[k] - g_deaths[k][2])
                   for k in range(N)]
        G_dpp = [G_dpp[k] + d * (g_mig[3][k] + g_age_in[3][k] - g_age_out[3][k] + dpp_entries[k] - dpp_exit[k] - prog_dpp[k]
                                 - regress_dpp[k] - g_deaths[k][3]) for k in range(N)]
        G_post = [G_post[k] + d * (g_mig[4][k] + g_age_in[4][k] - g_age_out[4][k] + dpp_ends[k] - post_decay[k] - prog_post[k]
                                   - regress_post[k] - g_deaths[k][4]) for k in range(N)]

        G_t2d_u = [G_t2d_u[k] + d * (entries_q(e_t2d)[k] + g_mig[5][k] + g_age_in[5][k] - g_age_out[5][k] + prog_u[k]
                                     + (prog_d[k] + prog_dpp[k] + prog_post[k]) * (1 - detected_share)
                                     - t2d_detect_flow[k] - g_deaths[k][5]) for k in range(N)]
        G_t2d_d = [G_t2d_d[k] + d * (g_mig[6][k] + g_age_in[6][k] - g_age_out[6][k]
                                     + (prog_d[k] + prog_dpp[k] + prog_post[k]) * detected_share
                                     + t2d_detect_flow[k] - compl_flow[k] - g_deaths[k][6]) for k in range(N)]
        G_t2d_c = [G_t2d_c[k] + d * (g_mig[7][k] + g_age_in[7][k] - g_age_out[7][k] + compl_flow[k] - g_deaths[k][7]) for k in range(N)]
        B_norm = [B_norm[k] + d * (entries_q([1 - e for e in e_htn])[k] + b_mig[0][k] + b_age[0][1][k] - b_age[0][0][k] - htn_incidence[k]
                                   - b_deaths[k][0]) for k in range(N)]
        B_undx = [B_undx[k] + d * (entries_q(e_htn)[k] + b_mig[1][k] + b_age[1][1][k] - b_age[1][0][k] + htn_incidence[k]
                                   - htn_detections[k] - b_deaths[k][1]) for k in range(N)]
        B_dxu = [B_dxu[k] + d * (b_mig[2][k] + b_age[2][1][k] - b_age[2][0][k] + htn_detections[k] - treat_start[k] - b_deaths[k][2])
                 for k in range(N)]
        B_tu = [B_tu[k] + d * (b_mig[3][k] + b_age[3][1][k] - b_age[3][0][k] + treat_start[k] - control_gain[k] + control_loss[k]
                               - b_deaths[k][3]) for k in range(N)]
        B_tc = [B_tc[k] + d * (b_mig[4][k] + b_age[4][1][k] - b_age[4][0][k] + control_gain[k] - control_loss[k] - b_deaths[k][4])
                for k in range(N)]
        S_never = [S_never[k] + d * (entries_q([1 - e for e in e_smk])[k] + s_mig[0][k] + s_age[0][1][k] - s_age[0][0][k] - initiation[k]
                                     - s_deaths[k][0]) for k in range(N)]
        S_cur = [S_cur[k] + d * (entries_q(e_smk)[k] + s_mig[1][k] + s_age[1][1][k] - s_age[1][0][k] + initiation[k]
                                 - unaided_quits[k] - quit_dates[k] + quit_fail[k] + relapse[k] + late_relapse[k]
                                 - s_deaths[k][1]) for k in range(N)]
        S_quit = [S_quit[k] + d * (s_mig[2][k] + s_age[2][1][k] - s_age[2][0][k] + quit_dates[k] - quit_end[k] - s_deaths[k][2])
                  for k in range(N)]
        S_rex = [S_rex[k] + d * (s_mig[3][k] + s_age[3][1][k] - s_age[3][0][k] + unaided_quits[k] + quitters_4wk[k] - relapse[k]
                                 - graduate[k] - s_deaths[k][3]) for k in range(N)]
        S_lex = [S_lex[k] + d * (s_mig[4][k] + s_age[4][1][k] - s_age[4][0][k] + graduate[k] - late_relapse[k] - s_deaths[k][4])
                 for k in range(N)]
        W_ob = [W_ob[k] + d * (entries_q(e_ob)[k] + w_mig[0][k] + w_age[0][1][k] - w_age[0][0][k] + ob_incidence[k]
                               - ob_remit[k] - w_deaths[k][0]) for k in range(N)]
        W_not = [W_not[k] + d * (entries_q([1 - e for e in e_ob])[k] + w_mig[1][k] + w_age[1][1][k] - w_age[1][0][k] - ob_incidence[k]
                                 + ob_remit[k] - w_deaths[k][1]) for k in range(N)]
        C_free = [C_free[k] + d * (entries(1.0)[k] + c_mig[0][k] + c_age[0][1][k] - c_age[0][0][k] - first_mi[k] - first_stroke[k]
                                   - first_hf[k] - c_chronic[k][0]) for k in range(N)]
        C_mi = [C_mi[k] + d * (c_mig[1][k] + c_age[1][1][k] - c_age[1][0][k] + first_mi[k] - fatal_mi[k] - mi_hf[k] - c_chronic[k][1])
                for k in range(N)]
        C_st = [C_st[k] + d * (c_mig[2][k] + c_age[2][1][k] - c_age[2][0][k] + first_stroke[k] - fatal_stroke[k] - fatal_recurrent[k]
                               - c_chronic[k][2]) for k in range(N)]
        C_hf = [C_hf[k] + d * (c_mig[3][k] + c_age[3][1][k] - c_age[3][0][k] + first_hf[k] - fatal_hf[k] + mi_hf[k] - c_chronic[k][3]
                               - hf_excess_deaths[k])
                for k in range(N)]
        Pop = [Pop[k] + d * (entries(1.0)[k] + net_migration[k] + pop_age_in[k] - pop_age_out[k] - deaths[k]) for k in range(N)]
        Cum_disc_nhs += d * disc_nhs
        DPP_capacity += d * (dpp_cap_target - DPP_capacity) / p["programme_hire_delay"]
        SSS_capacity += d * (sss_cap_target - SSS_capacity) / p["programme_hire_delay"]
        HTN_cf_capacity += d * (htn_cf_target - HTN_cf_capacity) / p["programme_hire_delay"]
        NDH_cf_capacity += d * (ndh_cf_target - NDH_cf_capacity) / p["programme_hire_delay"]
        cum_entries += d * sum(entry)
        cum_deaths += d * sum(deaths)
        cum_migration += d * sum(net_migration)

        for nm in acc_names:
            acc[nm] += d * rates[nm]
        if check:
            for nm, arr in (("G_normo", G_normo), ("G_ndh_u", G_ndh_u), ("G_ndh_d", G_ndh_d), ("G_dpp", G_dpp),
                            ("G_post", G_post), ("G_t2d_u", G_t2d_u), ("G_t2d_d", G_t2d_d), ("G_t2d_c", G_t2d_c),
                            ("B_norm", B_norm), ("B_undx", B_undx), ("B_dxu", B_dxu), ("B_tu", B_tu), ("B_tc", B_tc),
                            ("S_never", S_never), ("S_cur", S_cur), ("S_quit", S_quit), ("S_rex", S_rex),
                            ("S_lex", S_lex), ("W_ob", W_ob), ("W_not", W_not), ("C_free", C_free), ("C_mi", C_mi),
                            ("C_st", C_st), ("C_hf", C_hf), ("Pop", Pop)):
                m = min(arr)
                if m < min_stock[0]:
                    min_stock = (m, nm, t + d)
            for chain in ((G_normo, G_ndh_u, G_ndh_d, G_dpp, G_post, G_t2d_u, G_t2d_d, G_t2d_c),
                          (B_norm, B_undx, B_dxu, B_tu, B_tc), (S_never, S_cur, S_quit, S_rex, S_lex), (W_ob, W_not),
                          (C_free, C_mi, C_st, C_hf)):
                tot = sum(sum(s) for s in chain)
                e = abs(tot - sum(Pop)) / sum(Pop)
                if e > max_chain_err:
                    max_chain_err = e
            for nm, v in (("DPP_capacity", DPP_capacity), ("SSS_capacity", SSS_capacity),
                          ("HTN_cf_capacity", HTN_cf_capacity), ("NDH_cf_capacity", NDH_cf_capacity)):
                if v < min_stock[0]:
                    min_stock = (v, nm, t + d)

    conservation_error = (sum(Pop) - (sum(pop0) + cum_entries + cum_migration - cum_deaths)) / sum(pop0)
    return {"annual": annual, "min_stock": min_stock, "conservation_error": conservation_error,
            "chain_error": max_chain_err, "le_gap": le_gap, "init": {k: v for k, v in init.items()
                                                                   if not isinstance(v, (list, dict))}}


def state_summary(Pop, G_ndh_u, G_ndh_d, G_dpp, G_post, G_t2d_u, G_t2d_d, G_t2d_c, B_undx, B_dxu, B_tu, B_tc, S_cur,
                  S_quit, C_mi, C_st, C_hf, W_ob, p):
    P = sum(Pop)
    return {"adults": P, "ndh_true": sum(G_ndh_u) + sum(G_ndh_d) + sum(G_dpp) + sum(G_post),
            "ndh_reg": sum(G_ndh_d) + sum(G_dpp) + sum(G_post), "t2d_dx": sum(G_t2d_d) + sum(G_t2d_c),
            "t2d_undx": sum(G_t2d_u), "htn_true": sum(B_undx) + sum(B_dxu) + sum(B_tu) + sum(B_tc),
            "htn_undx": sum(B_undx), "smokers": sum(S_cur) + sum(S_quit), "obese": sum(W_ob),
            "chd": sum(C_mi), "stroke": sum(C_st), "hf": sum(C_hf)}


def life_expectancy_by_imd(deaths, Pop):
    """Period life expectancy at 18 from model mortality, for every quintile."""
    les = []
    for q in range(NQ):
        s, le = 1.0, 0.0
        for a in range(NA):
            k = a * NQ + q
            h = deaths[k] / Pop[k]
            if AGE_WIDTH[a] == 0.0:
                le += s / h
            else:
                le += s * (1 - math.exp(-h * AGE_WIDTH[a])) / h
                s *= math.exp(-h * AGE_WIDTH[a])
        les.append(le)
    return les


def life_expectancy_gap(deaths, Pop):
    """Period life expectancy at 18 from model mortality, by quintile; returns (LE Q1, LE Q5, gap)."""
    les = []
    for q in (0, 4):
        s, le = 1.0, 0.0
        for a in range(NA):
            k = a * NQ + q
            h = deaths[k] / Pop[k]
            if AGE_WIDTH[a] == 0.0:
                le += s / h
            else:
                le += s * (1 - math.exp(-h * AGE_WIDTH[a])) / h
                s *= math.exp(-h * AGE_WIDTH[a])
        les.append(le)
    return (les[0], les[1], les[1] - les[0])


def annual_kpis(s0, s1):
    d = {k: s1[k] - s0[k] for k in s1 if isinstance(s1[k], float) and k != "t"}
    yrs = s1["t"] - s0["t"]
    P = d["pop"] / yrs
    st = s1["state"]
    k = {
        "Adult population": P,
        "Deaths per year": d["deaths"] / yrs,
        "Premature (<75) CVD mortality per 100k": d["deaths_u75_cvd"] / d["pop_u75"] * 1e5,
        "CVD deaths per year": d["deaths_cvd"] / yrs,
        "Diabetes excess deaths per year": d["deaths_dm"] / yrs,
        "Smoking excess deaths per year": d["deaths_smk"] / yrs,
        "NDH (true)": d["ndh_true"] / yrs,
        "NDH (recorded)": d["ndh_reg"] / yrs,
        "Diagnosed diabetes (QOF-like, incl. T1D)": d["diab_dx"] / yrs,
        "Diagnosed diabetes prevalence %": d["diab_dx"] / d["pop"],
        "Diabetes prevalence expected (modelled, incl. undiagnosed) %": (d["diab_dx"] + d["t2d_undx"]) / d["pop"],
        "T2D diagnosed": d["t2d_dx"] / yrs,
        "T2D undiagnosed": d["t2d_undx"] / yrs,
        "New T2D cases per year": d["t2d_new"] / yrs,
        "Hypertension (true)": d["htn_true"] / yrs,
        "Hypertension (recorded)": d["htn_dx"] / yrs,
        "Hypertension (undiagnosed)": d["htn_undx"] / yrs,
        "Hypertension controlled % of all hypertensives": d["htn_ctrl"] / d["htn_true"],
        "Hypertension treated to target % of diagnosed": d["htn_ctrl"] / d["htn_dx"],
        "Hypertension controlled % of treated": d["htn_ctrl"] / d["htn_treated"],
        "Adult smokers": d["smokers"] / yrs,
        "Smoking prevalence %": d["smokers"] / d["pop"],
        "SSS quit dates per year": d["quit_dates"] / yrs,
        "4-week quitters per year": d["quitters4"] / yrs,
        "DPP referrals per year": d["dpp_ref"] / yrs,
        "DPP starts per year": d["dpp_starts"] / yrs,
        "DPP completions per year": d["dpp_compl"] / yrs,
        "MI (first) per year": d["mi"] / yrs,
        "Strokes per year": d["strokes"] / yrs,
        "Heart failure (new) per year": d["hf"] / yrs,
        "Obesity prevalence %": d["obese"] / d["pop"],
        "Cost DPP per year": d["cost_prog_dpp"] / yrs,
        "Cost stop-smoking per year": d["cost_prog_sss"] / yrs,
        "Cost case finding per year": d["cost_prog_cf"] / yrs,
        "Cost weight management per year": d["cost_prog_wm"] / yrs,
        "Cost BP control programme per year": d["cost_prog_bp"] / yrs,
        "Cost diabetes care per year": d["cost_diabetes"] / yrs,
        "Cost CVD care per year": d["cost_cvd"] / yrs,
        "Cost hypertension care per year": d["cost_htn"] / yrs,
        "Cost NDH monitoring per year": d["cost_ndh"] / yrs,
        "Cost total per year": d["cost_total"] / yrs,
        "Discounted cost": d["disc_cost"],
        "Discounted programme cost": d["disc_cost_prog"],
        "Discounted condition cost": d["disc_cost_cond"],
        "QALYs per year": d["qaly"] / yrs,
        "Discounted QALYs": d["disc_qaly"],
        "Smoking prevalence % IMD Q1": d["smk_q1"] / d["pop_q1"],
        "Smoking prevalence % IMD Q5": d["smk_q5"] / d["pop_q5"],
        "IMD Q1-Q5 gap in smoking prevalence (pp)": (d["smk_q1"] / d["pop_q1"] - d["smk_q5"] / d["pop_q5"]) * 100,
        "T2D prevalence % IMD Q1": d["diab_q1"] / d["pop_q1"],
        "T2D prevalence % IMD Q5": d["diab_q5"] / d["pop_q5"],
        "IMD Q1-Q5 gap in T2D prevalence (pp)": (d["diab_q1"] / d["pop_q1"] - d["diab_q5"] / d["pop_q5"]) * 100,
        "First CVD events per 100k IMD Q1": d["cvd_q1"] / d["pop_q1"] * 1e5,
        "First CVD events per 100k IMD Q5": d["cvd_q5"] / d["pop_q5"] * 1e5,
        "IMD Q1-Q5 gap in first CVD events per 100k": (d["cvd_q1"] / d["pop_q1"] - d["cvd_q5"] / d["pop_q5"]) * 1e5,
        "Crude death rate per 1000 IMD Q1": d["deaths_q1"] / d["pop_q1"] * 1000,
        "Crude death rate per 1000 IMD Q5": d["deaths_q5"] / d["pop_q5"] * 1000,
    }
    return k


if __name__ == "__main__":
    import time
    t0 = time.time()
    r = run()
    print("run %.2fs" % (time.time() - t0), "min", r["min_stock"], "cons", r["conservation_error"],
          "chain", r["chain_error"])
    print("LE gap", r["le_gap"][0], r["le_gap"][-1])
    for yi in (0, 1, 4, 24):
        print("--- year", yi + 1)
        for k, v in r["annual"][yi].items():
            print("  %-60s %14.4f" % (k, v))
