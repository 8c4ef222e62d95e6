"""Model A: hospital -> community shift (prototype, literal Euler integration of the design in
hospital-to-community-design.md).  Standard library only.

Time unit: day.  dt = 0.25 day, horizon 3650 days, whole-step counting.
Arrays: Age (6) x IMD (5) = 30 cells, flattened k = a*5 + q.  Capacity stocks are scalars.
Every design variable is one Python name below (list of 30 for arrayed variables).
"""
import math
import sys
from sdlib import lookup, lever_value, steps_for

AGE = ["a0_17", "a18_44", "a45_64", "a65_74", "a75_84", "a85p"]
IMD = ["Q1", "Q2", "Q3", "Q4", "Q5"]
NA, NQ = 6, 5
N = NA * NQ
KA = [k // NQ for k in range(N)]
KQ = [k % NQ for k in range(N)]
ADULT = [0.0, 1.0, 1.0, 1.0, 1.0, 1.0]          # UCR and virtual wards are adult (18+) services
AGE_MID = [9.0, 31.0, 54.5, 69.5, 79.5, 89.0]    # band mid-points for the utility norm

SRC_ADM = ("ASSUMPTION, calibrated to ~105/1,000 total and to care-home residents 0.87-1.04 "
           "admissions/person-yr (BMJ Qual Saf 2019, Table 5)")


def I(value, unit, low, high, source, lever=False):
    return {"value": value, "unit": unit, "low": low, "high": high, "source": source, "lever": lever}


def scaled(v, f):
    return [x * f for x in v]


INPUTS = {
    # ---------------- demography ----------------
    "icb_population": I(1.5e6, "people", 0.5e6, 3.2e6,
                        "England 57m / 42 ICBs = 1.36m mean (recalled, ONS mid-2022)"),
    "age_share": I([0.21, 0.34, 0.26, 0.10, 0.065, 0.025], "fraction",
                   [0.2277, 0.3687, 0.2820, 0.0640, 0.0416, 0.0160],
                   [0.2002, 0.3240, 0.2478, 0.1200, 0.0780, 0.0300],
                   "ONS Census 2021: 65+ 18.6%, <15 17.4%; ONS: 85+ 2.5% (UK 2020). Remaining splits derived. "
                   "Range: 65+ from 11.9% (London) to 22.3% (SW), younger bands rescaled"),
    "imd_share": I([0.2] * 5, "fraction", [0.05, 0.2375, 0.2375, 0.2375, 0.2375],
                   [0.45, 0.1375, 0.1375, 0.1375, 0.1375],
                   "IMD 2019 by definition; ICB-specific 5-45% in Q1 (use ICB LSOA lookup)"),
    "mort_rate": I([0.2, 0.7, 4.0, 15.0, 45.0, 150.0], "deaths/1000/yr",
                   scaled([0.2, 0.7, 4.0, 15.0, 45.0, 150.0], 0.8), scaled([0.2, 0.7, 4.0, 15.0, 45.0, 150.0], 1.2),
                   "ASSUMPTION, approximates ONS life tables; replace with ONS ICB/LA rates"),
    # ---------------- crisis demand ----------------
    "adm_rate": I([60.0, 60.0, 85.0, 170.0, 300.0, 550.0], "admissions/1000/yr",
                  scaled([60.0, 60.0, 85.0, 170.0, 300.0, 550.0], 0.75),
                  scaled([60.0, 60.0, 85.0, 170.0, 300.0, 550.0], 1.25), SRC_ADM),
    "fresh_demand_factor": I(0.87, "fraction", 0.8, 1.0,
                             "ASSUMPTION (calibrated): first (non-readmission) would-be admissions as a share of "
                             "the age-specific emergency admission rates"),
    "dep_mult": I([1.45, 1.20, 1.0, 0.90, 0.85], "multiplier", [1.30, 1.15, 1.0, 0.92, 0.87],
                  [1.60, 1.25, 1.0, 0.88, 0.84],
                  "Asaria et al., JECH 2016 70:990: most-deprived fifth 72% more emergency admissions than "
                  "least-deprived fifth. Splits derived. Range Q1/Q5 1.5-1.9 (normalised to a mean of 1)"),
    "pop_growth": I([-0.2, 0.9, 0.5, 0.8, 1.8, 2.7], "%/yr", [-0.8, 0.3, 0.0, 0.3, 1.0, 1.8], [0.4, 1.5, 1.0, 1.5, 2.8, 3.6],
                    "ASSUMPTION shaped on ONS 2022-based projections (issue 14)"),
    "mort_improvement": I(1.0, "%/yr", 0.0, 2.0, "ASSUMPTION (issue 14)"),
    "capacity_plan_share": I(1.0, "fraction", 0.0, 1.0, "Lever: capacity plans follow expected demand", lever=True),
    "adm_trend": I(1.0, "%/yr", 0.0, 3.0,
                   "65+ emergency admissions grew 3.3%/yr 2001/2-2012/3, largely offset by cohort effects "
                   "(Health Policy 2017). Net value ASSUMPTION"),
    "season_amp": I(0.03, "fraction", 0.0, 0.10, "ASSUMPTION (winter multiplier on incidence)"),
    "season_peak_day": I(290.0, "day of year from 1 April", 260.0, 320.0, "ASSUMPTION (peak mid-January)"),
    "zero_los_share": I(0.30, "fraction", 0.20, 0.40, "ASSUMPTION (zero-LOS/SDEC share of emergency admissions)"),
    "divertible_share": I(0.5, "fraction", 0.3, 0.7,
                          "ASSUMPTION: share of would-be admissions that community services could avoid at most"),
    # ---------------- UCR ----------------
    "ucr_per_100k": I(130.0, "referrals/month/100k", 80.0, 250.0,
                      "Policy lever table: UCR capacity ~130/month/100k (range 80-250); national 45k-73k/month",
                      lever=True),
    "ucr_utilisation": I(0.80, "fraction", 0.60, 0.95, "ASSUMPTION (referrals / commissioned capacity)"),
    "ucr_episode_days": I(2.0, "days", 1.0, 3.0, "ASSUMPTION (2-hour response, care up to 48 h)"),
    "ucr_no_admission": I(0.75, "fraction", 0.60, 0.95,
                          "Single inner-city consultant-led UCR, Age Ageing 2023 52(S1) (n=995)"),
    "ucr_would_admit": I(0.40, "fraction", 0.20, 0.60,
                         "ASSUMPTION: share of UCR patients managed at home who would otherwise have been admitted"),
    # ---------------- virtual wards ----------------
    "vw_per_100k": I(20.0, "beds/100k adults", 0.0, 60.0,
                     "NHSE virtual ward statistics via HTN: 19.7-21.9 beds/100k (16+); ambition 40-50", lever=True),
    "vw_occupancy_target": I(0.75, "fraction", 0.60, 0.95,
                             "NHSE VW statistics: 70% (Nov 2023), 79.8% (Oct 2025); target 80%"),
    "vw_stepup_share": I(0.5, "fraction", 0.3, 0.7, "ASSUMPTION (policy lever table, 50%)"),
    "vw_los": I(7.0, "days", 3.0, 14.0, "NHSE definition: acute care at home up to 14 days. Mean ASSUMPTION"),
    "vw_substitution": I(0.4, "admissions avoided per VW admission", 0.2, 1.0,
                         "PPL / NHSE South East evaluation (2024, 29 pathways, ~22k admissions): 1 avoided per "
                         "2.5 VW admissions; mature wards 1:1"),
    "vw_escalation": I(0.10, "fraction", 0.05, 0.20, "ASSUMPTION: step-up VW patients escalated to acute"),
    "vw_readmit_rr_down": I(1.09, "RR", 0.71, 1.66,
                            "Goncalves-Bradley et al., Cochrane CD000356.pub4 (2017): early-discharge HaH readmission RR"),
    "stepdown_days_saved": I(2.9, "days", 2.7, 3.1,
                             "Jalilian et al., BMJ Open 2024 14:e081378 (WWL 2.89 d); West Herts 2023/24 (2.7 d ESD)"),
    "haah_mort_rr": I(0.88, "RR", 0.68, 1.13, "Edgar 2024 Cochrane"),
    "six_month_mort": I(0.208, "fraction", 0.183, 0.23, "Edgar 2024 Cochrane"),
    "vw_adoption_time": I(365.0, "days", 180.0, 730.0, "ASSUMPTION"),
    "vw_attrition": I(0.1, "1/yr", 0.06, 0.15, "ASSUMPTION"),
    "vw_recruit_limit": I(10.0, "WTE/100k adults/yr", 5.0, 20.0, "ASSUMPTION"),
    "stepdown_eligible_share": I(0.30, "fraction", 0.15, 0.50,
                                 "ASSUMPTION: share of adult treatment-phase exits clinically suitable for step-down"),
    # ---------------- acute ----------------
    "ga_beds_actual": I(0.0, "beds", 0.0, 0.0, "Local data: KH03; 0 = derived"),
    "ga_planning_occupancy": I(0.943, "fraction", 0.90, 0.96,
                               "ASSUMPTION (calibrated): bed base = equilibrium occupied beds / this value, which gives "
                               "~2,630 beds (~100k G&A beds / 57m, KH03) and a mean occupancy of 93-95% once winter "
                               "peaks and crowding are included (NHS Confed 2022: 93.6%; 2023: 95.7%; NHSE planning 92%)"),
    "clinical_los": I([2.85, 4.65, 7.2, 10.15, 11.65, 12.45], "days",
                      scaled([2.85, 4.65, 7.2, 10.15, 11.65, 12.45], 0.85), scaled([2.85, 4.65, 7.2, 10.15, 11.65, 12.45], 1.15),
                      "ASSUMPTION (calibrated): time medically unfit by age; with NCTR delays reproduces mean LOS "
                      "8.5 d (Health Foundation 2023: 9.1 in 2022, 7.9 in 2019) and ~12.5 d at 85+"),
    "p_die_hosp": I([0.001, 0.005, 0.032, 0.069, 0.116, 0.168], "fraction of overnight admissions",
                    scaled([0.001, 0.005, 0.032, 0.069, 0.116, 0.168], 0.6),
                    scaled([0.001, 0.005, 0.032, 0.069, 0.116, 0.168], 1.1),
                    "ASSUMPTION (calibrated to 46% of deaths in hospital, PHE 2019); mean over emergency "
                    "admissions ~4.3% vs 5.8% for emergency medical admissions (Moore et al., BMJ Open 2018; 3-6%)"),
    "ed_wait_time": I(0.25, "days", 0.125, 0.5, "ASSUMPTION: decision-to-admit to bed with beds free (6 h)"),
    "max_occupancy": I(0.99, "fraction", 0.97, 1.0, "ASSUMPTION: highest workable G&A occupancy (beds in turnover)"),
    "bed_fill_time": I(0.25, "days", 0.125, 0.5, "ASSUMPTION: time to fill a free bed from ED"),
    "esc_max_share": I(0.05, "fraction of G&A beds", 0.0, 0.10, "ASSUMPTION: escalation (surge) beds at most"),
    "esc_trigger_ratio": I(2.0, "x initial ED boarders", 1.5, 4.0,
                           "ASSUMPTION: escalation beds open for boarders above this multiple of the baseline queue"),
    "escalation_time": I(7.0, "days", 2.0, 21.0, "ASSUMPTION: time to open/close escalation beds"),
    "ed_leave_rate": I(0.5, "1/day", 0.2, 1.0,
                       "ASSUMPTION: patients waiting beyond today's usual queue leave ED without a bed at this rate"),
    # ---------------- discharge pathways ----------------
    "p1_share": I([0.01, 0.02, 0.05, 0.10, 0.18, 0.28], "fraction of fit patients",
                  scaled([0.01, 0.02, 0.05, 0.10, 0.18, 0.28], 0.7), scaled([0.01, 0.02, 0.05, 0.10, 0.18, 0.28], 1.3),
                  "ASSUMPTION by age, anchored on NHSE 2020 Hospital Discharge Service ~50/45/4/1 (recalled) "
                  "and calibrated to IC step-down starts (Health Foundation 2024)"),
    "p2_share": I([0.0, 0.003, 0.01, 0.03, 0.06, 0.09], "fraction of fit patients",
                  scaled([0.0, 0.003, 0.01, 0.03, 0.06, 0.09], 0.7), scaled([0.0, 0.003, 0.01, 0.03, 0.06, 0.09], 1.3),
                  "ASSUMPTION by age (as p1_share)"),
    "p3_share": I([0.0, 0.001, 0.003, 0.01, 0.02, 0.05], "fraction of fit patients",
                  scaled([0.0, 0.001, 0.003, 0.01, 0.02, 0.05], 0.7), scaled([0.0, 0.001, 0.003, 0.01, 0.02, 0.05], 1.3),
                  "ASSUMPTION by age (as p1_share)"),
    "p2_share_mult": I(1.0, "multiplier", 0.5, 1.0, "Lever (discharge to assess): P2 share kept; rest moves to P1",
                       lever=True),
    "p3_share_mult": I(1.0, "multiplier", 0.4, 1.0, "Lever (discharge to assess): P3 share kept; rest moves to P1",
                       lever=True),
    "p0_delay": I(0.6, "days", 0.25, 1.0, "ASSUMPTION (TTOs, transport); with P1-P3 queues gives 1.0-2.1 d/discharge "
                  "(Health Foundation Dec 2022: 1.3 national mean)", lever=True),
    "p1_min_delay": I(5.0, "days", 2.0, 7.0, "ASSUMPTION; >=25% of home-based IC discharges delayed (Health Foundation 2024)",
                      lever=True),
    "p2_min_delay": I(8.0, "days", 4.0, 14.0, "ASSUMPTION; ~50% of bed-based IC discharges delayed (Health Foundation 2024)"),
    "p3_min_delay": I(12.0, "days", 7.0, 21.0, "ASSUMPTION"),
    "reroute_time": I(7.0, "days", 3.0, 21.0,
                      "ASSUMPTION: mean wait before a patient whose pathway has no capacity is moved to the next "
                      "less intensive pathway (P3 -> interim IC bed P2 -> home-based P1 -> home P0)"),
    "nctr_smooth_time": I(14.0, "days", 7.0, 28.0, "ASSUMPTION (perception delay of discharge delay)"),
    "readmit_30d": I(0.14, "fraction of discharges", 0.11, 0.16,
                     "11-12% 2011/12 (QualityWatch); NHS Digital I02040 not retrieved -> ASSUMPTION for 14%"),
    "readmit_window_days": I(30.0, "days", 30.0, 30.0, "Definition of the 30-day readmission indicator"),
    # ---------------- intermediate care ----------------
    "ic_home_days": I(21.0, "days", 14.0, 42.0, "ASSUMPTION (reference 30, range 14-42; 21 calibrated to IC spend); "
                      "NHSE (2014): IC typically <6 weeks"),
    "ic_bed_days": I(25.0, "days", 18.0, 35.0, "ASSUMPTION; NHSE (2014): IC typically <6 weeks"),
    "ic_bed_to_ch": I(0.20, "fraction", 0.10, 0.30, "ASSUMPTION; NAIC 2017: 70% return home"),
    "ic_bed_readmit": I(0.10, "fraction", 0.05, 0.15, "ASSUMPTION; NAIC 2017: 70% return home"),
    "stepup_ic_rate": I([0.0, 0.5, 2.0, 10.0, 40.0, 120.0], "referrals/1000/yr",
                        scaled([0.0, 0.5, 2.0, 10.0, 40.0, 120.0], 0.7), scaled([0.0, 0.5, 2.0, 10.0, 40.0, 120.0], 1.3),
                        "ASSUMPTION, calibrated to 41k step-up IC starts/month in England (Health Foundation 2024)"),
    "ic_unmet_to_adm": I(0.2, "fraction", 0.0, 0.4, "ASSUMPTION: unmet step-up IC referrals that become admissions"),
    "ic_home_util": I(0.90, "fraction", 0.80, 0.97, "ASSUMPTION: baseline utilisation of home-based IC places"),
    "ic_bed_util": I(0.90, "fraction", 0.80, 0.97, "ASSUMPTION: baseline utilisation of IC beds"),
    "ic_beds_actual": I(0.0, "beds", 0.0, 0.0, "Local data; 0 = derived"),
    "ic_home_actual": I(0.0, "places", 0.0, 0.0, "Local data; 0 = derived"),
    "ic_intake_time": I(1.0, "days", 0.5, 3.0, "ASSUMPTION: time to fill a vacated IC place"),
    "ic_home_capacity_growth": I(0.0, "fraction", -0.10, 0.50,
                                 "Policy lever table: IC bed/reablement capacity growth 0% (-10% to +50%)", lever=True),
    "ic_bed_capacity_growth": I(0.0, "fraction", -0.10, 0.50,
                                "Policy lever table: IC bed/reablement capacity growth 0% (-10% to +50%)", lever=True),
    # ---------------- care homes ----------------
    "ch_prevalence": I([0.0, 0.0005, 0.002, 0.008, 0.03, 0.14], "fraction of band population",
                       scaled([0.0, 0.0005, 0.002, 0.008, 0.03, 0.14], 0.8),
                       scaled([0.0, 0.0005, 0.002, 0.008, 0.03, 0.14], 1.2), "ASSUMPTION"),
    "ch_mort": I([0.0, 0.03, 0.08, 0.20, 0.30, 0.38], "deaths/resident/yr",
                 scaled([0.0, 0.03, 0.08, 0.20, 0.30, 0.38], 0.8), scaled([0.0, 0.03, 0.08, 0.20, 0.30, 0.38], 1.2),
                 "ASSUMPTION (deaths in the care home)"),
    "ch_occupancy": I(0.90, "fraction", 0.85, 0.95, "ASSUMPTION"),
    "ch_intake_time": I(7.0, "days", 3.0, 14.0, "ASSUMPTION"),
    # ---------------- community nursing ----------------
    "dn_ref_rate": I([2.0, 5.0, 20.0, 60.0, 200.0, 600.0], "referrals/1000/yr",
                     scaled([2.0, 5.0, 20.0, 60.0, 200.0, 600.0], 0.7), scaled([2.0, 5.0, 20.0, 60.0, 200.0, 600.0], 1.3),
                     "ASSUMPTION"),
    "dn_post_discharge": I([0.0, 0.02, 0.05, 0.15, 0.25, 0.35], "fraction of live acute discharges",
                           scaled([0.0, 0.02, 0.05, 0.15, 0.25, 0.35], 0.7),
                           scaled([0.0, 0.02, 0.05, 0.15, 0.25, 0.35], 1.3), "ASSUMPTION"),
    "dn_episode_days": I(60.0, "days", 30.0, 120.0, "ASSUMPTION"),
    "dn_contacts_per_day": I(0.24, "contacts/patient/day", 0.1, 0.3,
                             "ASSUMPTION, calibrated to 42.4m contacts/yr in England (NCC 2019/20, BJCN 2022)"),
    "dn_util": I(0.90, "fraction", 0.80, 0.97, "ASSUMPTION"),
    "dn_workforce_growth": I(0.0, "%/yr", 0.0, 10.0, "Policy lever table: DN workforce growth 0%/yr (0-10)", lever=True),
    "dn_unmet_to_adm": I(0.05, "fraction", 0.0, 0.15, "ASSUMPTION: unmet DN referrals that become admissions"),
    # ---------------- digital shift ----------------
    "digital_programme": I(0.0, "switch", 0.0, 1.0, "Lever: digital programme", lever=True),
    "digital_adoption_time": I(730.0, "days", 365.0, 1095.0, "ASSUMPTION"),
    "rm_share": I(0.5, "fraction", 0.0, 1.0, "Lever: remote monitoring share", lever=True),
    "rm_uplift": I(0.15, "fraction", 0.0, 0.3, "ASSUMPTION"),
    "scr_readmit": I(0.01, "fraction", 0.0, 0.02, "ASSUMPTION"),
    "edischarge_delay": I(0.05, "fraction", 0.0, 0.15, "ASSUMPTION"),
    "fd_ucr_gain": I(0.05, "fraction", 0.0, 0.1, "ASSUMPTION"),
    "digital_reach": I([0.99, 0.99, 0.95, 0.85, 0.6, 0.4], "fraction", [0.97, 0.97, 0.9, 0.75, 0.45, 0.25], [1.0, 1.0, 0.99, 0.92, 0.75, 0.55],
                       "ONS 2020; Ofcom 2020; ASSUMPTION"),
    "digital_reach_imd": I([0.9, 0.94, 0.97, 0.99, 1.0], "multiplier", [0.8, 0.88, 0.94, 0.97, 1.0], [0.96, 0.98, 0.99, 1.0, 1.0], "ASSUMPTION"),
    "rm_licence": I(2000.0, "GBP/bed/yr", 500.0, 5000.0, "ASSUMPTION"),
    "scr_cost": I(0.3, "GBP/person/yr", 0.1, 0.8, "ASSUMPTION"),
    "fd_cost": I(0.2, "GBP/person/yr", 0.05, 0.5, "ASSUMPTION"),
    "digital_impl_cost": I(1.0, "GBP/person", 0.3, 3.0, "ASSUMPTION"),
    # ---------------- capacity dynamics ----------------
    "bed_base_change": I(0.0, "fraction", -0.10, 0.10, "Policy lever table: acute G&A bed base -10% to +10%",
                         lever=True),
    "bed_adjust_time": I(365.0, "days", 180.0, 730.0, "ASSUMPTION (open/close beds)"),
    "hire_delay": I(180.0, "days", 90.0, 365.0, "ASSUMPTION (community hiring and training)"),
    "decommission_time": I(30.0, "days", 7.0, 90.0, "ASSUMPTION"),
    "poach_share": I(0.2, "fraction", 0.0, 0.5, "ASSUMPTION: share of community hires drawn from acute staff"),
    "acute_wte_per_bed": I(1.5, "WTE/bed", 1.0, 2.0, "ASSUMPTION"),
    "backfill_time": I(365.0, "days", 180.0, 730.0, "ASSUMPTION"),
    "wte_per_vw_bed": I(0.6, "WTE", 0.3, 1.0, "ASSUMPTION"),
    "wte_per_ucr_referral_day": I(2.0, "WTE per referral/day", 1.0, 3.0, "ASSUMPTION"),
    "wte_per_ic_place": I(0.25, "WTE", 0.15, 0.4, "ASSUMPTION"),
    "wte_per_ic_bed": I(1.0, "WTE", 0.5, 1.5, "ASSUMPTION"),
    "wte_per_dn_place": I(0.03, "WTE", 0.02, 0.05, "ASSUMPTION"),
    # ---------------- costs ----------------
    "fixed_share": I(0.69, "fraction", 0.5, 0.8, "ASSUMPTION (Edge Health 2017)"),
    "ward_size": I(25.0, "beds", 20.0, 32.0, "ASSUMPTION"),
    "bed_release_time": I(365.0, "days", 180.0, 730.0, "ASSUMPTION"),
    "ward_closure": I(1.0, "switch", 0.0, 1.0, "Lever: close freed wards", lever=True),
    "corridor_cost": I(300.0, "GBP/day", 150.0, 600.0, "ASSUMPTION"),
    "ed_excess_death": I(0.015, "deaths/patient day", 0.005, 0.03, "ASSUMPTION (RCEM 2024)"),
    "bed_day_cost": I(408.0, "GBP/day (2024/25)", 396.0, 576.0,
                      "NCC 2020/21 standard bed (PQ 165361, 2023); WWL local 536 (Jalilian 2024)"),
    "nel_day_cost": I(1065.0, "GBP/day (2024/25)", 830.0, 1300.0, "PQ 165361, uplifted"),
    "vw_day_cost": I(300.0, "GBP/day", 150.0, 1004.0,
                     "ASSUMPTION, bracketed by WWL 935/day (Jalilian 2024) and West Herts (HSJ 2024)"),
    "ic_bed_day_cost": I(220.0, "GBP/day", 180.0, 400.0, "ASSUMPTION (reference 250; 220 calibrated to IC spend)"),
    "ic_home_day_cost": I(60.0, "GBP/day", 50.0, 120.0, "ASSUMPTION (reference 80; 60 calibrated to IC spend)"),
    "dn_contact_cost": I(60.0, "GBP/contact", 50.0, 75.0, "NCC 2024/25"),
    "ucr_episode_cost": I(250.0, "GBP/episode", 150.0, 400.0, "ASSUMPTION"),
    "nursing_share": I(0.4, "fraction", 0.3, 0.5, "ASSUMPTION"),
    "ch_self_share": I([0.216, 0.297, 0.377, 0.458, 0.538], "fraction", [0.18, 0.25, 0.32, 0.39, 0.46], [0.26, 0.35, 0.43, 0.52, 0.6], "ONS 2019/20"),
    "chc_share": I(0.064, "fraction", 0.04, 0.09, "ASSUMPTION"),
    "sf_nursing": I(1614.0, "GBP/week", 1540.0, 1700.0, "UC 2024"),
    "sf_res": I(1236.0, "GBP/week", 1180.0, 1320.0, "UC 2024"),
    "la_nursing": I(1033.0, "GBP/week", 1000.0, 1100.0, "UC 2024"),
    "la_res": I(924.0, "GBP/week", 900.0, 980.0, "UC 2024"),
    "fnc": I(235.88, "GBP/week", 235.88, 254.06, "DHSC"),
    "ic_home_nhs_share": I(0.5, "fraction", 0.3, 0.7, "ASSUMPTION"),
    "ic_bed_nhs_share": I(0.7, "fraction", 0.5, 0.9, "ASSUMPTION"),
    # ---------------- QALYs ----------------
    "discount_rate": I(0.035, "/yr", 0.015, 0.035, "NICE PMG36 (2022) (recalled)"),
}

# Graphical functions (x points, y points) -- all ASSUMPTION
GF = {
    # effect of G&A occupancy on treatment-phase LOS (crowding, outlying, slower flow)
    "f_los_occupancy": ([0.90, 0.95, 0.98, 1.00, 1.05], [1.0, 1.0, 1.03, 1.05, 1.08]),
    # ED crowding -> share of decisions to admit converted to same-day (SDEC/zero-LOS) care instead of a bed:
    # multiplier on the overnight share, x = SUM(ED_waiting) / INIT(SUM(ED_waiting)); flat until escalation starts
    "f_ed_conversion": ([0.0, 2.0, 5.0, 20.0], [1.0, 1.0, 0.9, 0.8]),
    # deconditioning: mean NCTR delay per discharge (days) -> multiplier on P1-P3 need
    "f_decond": ([0.0, 1.3, 3.0, 6.0, 10.0], [0.95, 1.0, 1.15, 1.4, 1.7]),
    # link: relative change in adults' emergency demand from the prevention model, by year (default none)
    "f_prevention": ([0.0, 10.0], [0.0, 0.0]),
}


def base_params():
    return {k: v["value"] for k, v in INPUTS.items()}


def run(params=None, scenario=None, years=10, dt=0.25, record_daily=False, check=True, trace=None):
    """Run Model A.  scenario: {input_name: [changes]} for scalar inputs.  Returns dict of results."""
    p = base_params()
    if params:
        p.update(params)
    scenario = scenario or {}
    for name in scenario:
        if isinstance(p[name], list):
            raise ValueError("levers must be scalar: " + name)
    f_los_occupancy, f_decond, f_ed_conversion = GF["f_los_occupancy"], GF["f_decond"], GF["f_ed_conversion"]
    f_prevention = GF["f_prevention"]

    # ---------------- constants derived from inputs (evaluated once) ----------------
    icb_population = p["icb_population"]
    age_share, imd_share = p["age_share"], p["imd_share"]
    mort_rate = p["mort_rate"]
    death_rate_yr = [m / 1000.0 for m in mort_rate]                              # /yr
    # stationary population: ageing-out rate of band a = deaths of all older bands / band size
    cum_death_share = []                                                        # uses Age.prev
    acc = 0.0
    for a in range(NA):
        acc = acc + age_share[a] * death_rate_yr[a]
        cum_death_share.append(acc)
    total_death_share = cum_death_share[-1]
    ageing_rate = [(total_death_share - cum_death_share[a]) / age_share[a] / 365.0 for a in range(NA)]  # /day
    birth_rate = total_death_share / 365.0                                    # births/person/day (= crude death rate)
    dep_mean = sum(p["dep_mult"][q] * imd_share[q] for q in range(NQ))
    dep_norm = [p["dep_mult"][q] / dep_mean for q in range(NQ)]
    adult_population = icb_population * sum(age_share[a] * ADULT[a] for a in range(NA))
    recovery_days = [min(p["stepdown_days_saved"], 0.5 * p["clinical_los"][a]) for a in range(NA)]
    treat_los = [p["clinical_los"][a] - recovery_days[a] for a in range(NA)]
    die_hazard = [p["p_die_hosp"][a] / ((1.0 - p["p_die_hosp"][a]) * treat_los[a]) for a in range(NA)]
    readmit_hazard = p["readmit_30d"] / ((1.0 - p["readmit_30d"]) * p["readmit_window_days"])
    stepdown_escalation = p["readmit_30d"] * max(0.0, p["vw_readmit_rr_down"] - 1.0)
    admission_premium = p["nel_day_cost"] - p["bed_day_cost"]
    ic_bed_to_home = 1.0 - p["ic_bed_to_ch"] - p["ic_bed_readmit"]
    u_norm = [0.9509 + 0.0212 * 0.5 - 0.000259 * AGE_MID[a] - 0.0000332 * AGE_MID[a] ** 2 for a in range(NA)]
    ch_mort_day = [m / 365.0 for m in p["ch_mort"]]
    o = 1.0 - p["zero_los_share"]
    pop_growth_day = [math.log(1.0 + p["pop_growth"][a] / 100.0) / 365.0 for a in range(NA)]
    ESP = [0.193, 0.347, 0.265, 0.105, 0.065, 0.025]          # European Standard Population 2013, model bands
    digital_reach_cell = [p["digital_reach"][KA[k]] * p["digital_reach_imd"][KQ[k]] for k in range(N)]
    planned_growth = math.log(1.0 + p["adm_trend"] / 100.0) / 365.0   # feed-forward of the planned trend

    # scalar lever values (time-varying under a scenario)
    lever_names = [k for k, v in INPUTS.items() if v["lever"]]

    def lev(name, t):
        return lever_value(p[name], scenario.get(name, ()), t)

    # ---------------- initial values (equilibrium formulas, multipliers at reference) ----------------
    Population = [icb_population * age_share[KA[k]] * imd_share[KQ[k]] for k in range(N)]
    pop0 = Population[:]
    W0 = [Population[k] * p["adm_rate"][KA[k]] / 1000.0 / 365.0 * p["fresh_demand_factor"] * dep_norm[KQ[k]]
          for k in range(N)]
    ucr_cap0 = lev("ucr_per_100k", 0.0) * icb_population / 1e5 * 12.0 / 365.0
    vw_cap0 = lev("vw_per_100k", 0.0) * adult_population / 1e5
    adult_W0 = sum(W0[k] * ADULT[KA[k]] for k in range(N))
    ucr_ref0 = [ucr_cap0 * p["ucr_utilisation"] * W0[k] * ADULT[KA[k]] / adult_W0 for k in range(N)]
    vw_up_adm0 = [vw_cap0 * p["vw_stepup_share"] * p["vw_occupancy_target"] / p["vw_los"] * W0[k] * ADULT[KA[k]]
                  / adult_W0 for k in range(N)]
    avoid_raw0 = [ucr_ref0[k] * p["ucr_no_admission"] * p["ucr_would_admit"] + vw_up_adm0[k] * p["vw_substitution"]
                  for k in range(N)]
    pool0 = [W0[k] * p["divertible_share"] for k in range(N)]
    avoided0 = [pool0[k] * (1.0 - math.exp(-avoid_raw0[k] / pool0[k])) if pool0[k] > 0 else 0.0 for k in range(N)]
    # non-readmission admission demand at equilibrium (UCR/VW escalations equal their draws)
    X0 = [W0[k] - avoided0[k] for k in range(N)]
    # step-down share of treatment exits (escalation of step-down ignored in this estimate)
    pdie = [p["p_die_hosp"][KA[k]] for k in range(N)]
    sd_elig_est = sum(X0[k] * o * (1.0 - pdie[k]) * ADULT[KA[k]] * p["stepdown_eligible_share"]
                      for k in range(N)) / (1.0 - p["readmit_30d"])
    sd_target0 = vw_cap0 * (1.0 - p["vw_stepup_share"]) * p["vw_occupancy_target"] / p["vw_los"]
    sd_frac0 = min(1.0, sd_target0 / max(sd_elig_est, 1e-9))
    sdf = [sd_frac0 * ADULT[KA[k]] * p["stepdown_eligible_share"] for k in range(N)]
    ic_bed_readmit_frac = [o * (1 - pdie[k]) * (1 - sdf[k]) * p["p2_share"][KA[k]] * p["ic_bed_readmit"]
                           for k in range(N)]
    A0 = [X0[k] / (1.0 - p["readmit_30d"] * (1.0 - o * pdie[k]) - stepdown_escalation * sdf[k] * o * (1 - pdie[k])
                   - ic_bed_readmit_frac[k]) for k in range(N)]
    live_discharges0 = [A0[k] * (1.0 - o * pdie[k]) for k in range(N)]
    treat_exit0 = [A0[k] * o * (1.0 - pdie[k]) for k in range(N)]
    fit0 = [treat_exit0[k] * (1.0 - sdf[k]) for k in range(N)]

    UCR_caseload = [ucr_ref0[k] * p["ucr_episode_days"] for k in range(N)]
    VW_step_up = [vw_up_adm0[k] * p["vw_los"] for k in range(N)]
    VW_step_down = [treat_exit0[k] * sdf[k] * p["vw_los"] for k in range(N)]
    ED_waiting = [A0[k] * o * p["ed_wait_time"] for k in range(N)]
    Acute_treatment = [A0[k] * o * treat_los[KA[k]] * (1.0 - pdie[k]) for k in range(N)]
    Acute_recovery = [fit0[k] * recovery_days[KA[k]] for k in range(N)]
    NCTR_P0 = [fit0[k] * (1.0 - p["p1_share"][KA[k]] - p["p2_share"][KA[k]] - p["p3_share"][KA[k]])
               * lev("p0_delay", 0.0) for k in range(N)]
    NCTR_P1 = [fit0[k] * p["p1_share"][KA[k]] * lev("p1_min_delay", 0.0) for k in range(N)]
    NCTR_P2 = [fit0[k] * p["p2_share"][KA[k]] * p["p2_min_delay"] for k in range(N)]
    NCTR_P3 = [fit0[k] * p["p3_share"][KA[k]] * p["p3_min_delay"] for k in range(N)]
    stepup_ic0 = [Population[k] * p["stepup_ic_rate"][KA[k]] / 1000.0 / 365.0 for k in range(N)]
    IC_home = [(fit0[k] * p["p1_share"][KA[k]] + stepup_ic0[k]) * p["ic_home_days"] for k in range(N)]
    IC_bed = [fit0[k] * p["p2_share"][KA[k]] * p["ic_bed_days"] for k in range(N)]
    IC_delayed = [fit0[k] * p["p2_share"][KA[k]] * p["ic_bed_to_ch"] * p["p3_min_delay"] for k in range(N)]
    Care_home = [Population[k] * p["ch_prevalence"][KA[k]] for k in range(N)]
    dn_demand0 = [Population[k] * p["dn_ref_rate"][KA[k]] / 1000.0 / 365.0
                  + live_discharges0[k] * (1.0 - p["readmit_30d"]) * p["dn_post_discharge"][KA[k]] for k in range(N)]
    DN_caseload = [dn_demand0[k] * p["dn_episode_days"] for k in range(N)]
    Readmit_window = [live_discharges0[k] * p["readmit_window_days"] * (1.0 - p["readmit_30d"]) for k in range(N)]

    occupied0 = sum(Acute_treatment) + sum(Acute_recovery) + sum(NCTR_P0) + sum(NCTR_P1) + sum(NCTR_P2) + sum(NCTR_P3)
    GA_beds_base = p["ga_beds_actual"] if p["ga_beds_actual"] > 0 else occupied0 / p["ga_planning_occupancy"]
    GA_beds = GA_beds_base * (1.0 + lev("bed_base_change", 0.0))
    Staff_gap = 0.0
    Escalation_beds = 0.0
    ed_reference = sum(ED_waiting)                                   # INIT(SUM(ED_waiting))
    VW_staff = vw_cap0 * p["wte_per_vw_bed"]
    VW_referrals = vw_cap0 * p["vw_occupancy_target"] / p["vw_los"]
    Digital_rollout = 0.0
    Digital_maturity = 0.0
    Cum_disc_nhs = 0.0
    beds_per_occupied = GA_beds / occupied0                      # INIT(G&A bed base / occupied)
    Sustained_need = occupied0 * beds_per_occupied * (1.0 + p["season_amp"])
    Sustained_base = GA_beds
    W_plan0 = [sum(Population[k] * p["adm_rate"][KA[k]] * dep_norm[KQ[k]] for k in range(N)),
               sum(Population[k] * p["adm_rate"][KA[k]] * dep_norm[KQ[k]] * p["clinical_los"][KA[k]] for k in range(N)),
               sum(Population[k] * p["ch_prevalence"][KA[k]] for k in range(N))]
    UCR_capacity = ucr_cap0
    IC_home_cap_base = p["ic_home_actual"] if p["ic_home_actual"] > 0 else sum(IC_home) / p["ic_home_util"]
    IC_bed_cap_base = p["ic_beds_actual"] if p["ic_beds_actual"] > 0 else (sum(IC_bed) + sum(IC_delayed)) / p["ic_bed_util"]
    DN_cap_base = sum(DN_caseload) / p["dn_util"]
    CH_beds_base = sum(Care_home) / p["ch_occupancy"]
    IC_home_capacity = IC_home_cap_base * (1.0 + lev("ic_home_capacity_growth", 0.0))
    IC_bed_capacity = IC_bed_cap_base * (1.0 + lev("ic_bed_capacity_growth", 0.0))
    DN_capacity = DN_cap_base
    CH_beds = CH_beds_base
    NCTR_delay_perceived = (sum(NCTR_P0) + sum(NCTR_P1) + sum(NCTR_P2) + sum(NCTR_P3)) / max(sum(fit0), 1e-9)

    # accumulators (KPI stocks)
    cum_births = 0.0
    cum_deaths = 0.0
    cum_migration = 0.0
    cum_admissions = [0.0] * N
    acc_names = ["occupied", "occupancy", "staffed_beds", "nctr", "vw_occupied", "vw_capacity", "ucr_referrals",
                 "ic_starts", "ic_stepdown_home", "ic_stepdown_bed", "ic_stepup", "deaths", "hosp_deaths",
                 "ch_deaths", "comm_deaths", "overnight_adm", "live_discharges", "readmissions", "p0", "p1", "p2",
                 "p3", "ch_adm_65", "dn_contacts", "cost_acute", "cost_vw", "cost_ucr", "cost_ic_bed",
                 "cost_ic_home", "cost_dn", "cost_ch", "cost_total", "disc_cost", "qaly", "disc_qaly",
                 "avoided", "ed_waiting", "vw_admissions", "usual_residence", "pop65", "pop85", "population",
                 "occupied85", "overnight85", "escalation"]
    acc = {n: 0.0 for n in acc_names}

    # ch_direct_rate: back-solved at t=0 so care homes start in equilibrium (INIT)
    ch_direct_rate = None

    n_steps = steps_for(0.0, years * 365.0, dt)
    steps_per_year = int(round(365.0 / dt))
    annual = []
    snap_prev = None
    min_stock = (float("inf"), "", 0.0)
    daily = []

    def snapshot(t):
        s = {k: v for k, v in acc.items()}
        s["cum_admissions"] = [x for x in cum_admissions]
        s["cum_births"] = cum_births
        s["cum_deaths"] = cum_deaths
        s["t"] = t
        return s

    for step in range(n_steps + 1):
        t = step * dt
        # ---------- time-varying levers ----------
        vw_per_100k = lev("vw_per_100k", t)
        ucr_per_100k = lev("ucr_per_100k", t)
        p2_share_mult = lev("p2_share_mult", t)
        p3_share_mult = lev("p3_share_mult", t)
        p0_delay = lev("p0_delay", t)
        p1_min_delay = lev("p1_min_delay", t)
        ic_home_capacity_growth = lev("ic_home_capacity_growth", t)
        ic_bed_capacity_growth = lev("ic_bed_capacity_growth", t)
        dn_workforce_growth = lev("dn_workforce_growth", t)
        bed_base_change = lev("bed_base_change", t)
        capacity_plan_share = lev("capacity_plan_share", t)
        ward_closure = lev("ward_closure", t)
        digital_programme = lev("digital_programme", t)
        rm_share = lev("rm_share", t)

        # ---------- auxiliaries ----------
        years_elapsed = t / 365.0
        growth_index = (1.0 + p["adm_trend"] / 100.0) ** years_elapsed
        season = 1.0 + p["season_amp"] * math.cos(2.0 * math.pi * (t - p["season_peak_day"]) / 365.0)
        total_population = sum(Population)
        improve = (1.0 - p["mort_improvement"] / 100.0) ** years_elapsed
        # capacity plans: emergency demand (front door), bed days (beds, IC, community nursing), care homes
        plan_w = [[Population[k] * p["adm_rate"][KA[k]] * dep_norm[KQ[k]] for k in range(N)],
                  [Population[k] * p["adm_rate"][KA[k]] * dep_norm[KQ[k]] * p["clinical_los"][KA[k]] for k in range(N)],
                  [Population[k] * p["ch_prevalence"][KA[k]] for k in range(N)]]
        plan_wg = [[plan_w[j][k] * pop_growth_day[KA[k]] for k in range(N)] for j in range(3)]
        plan_demand_index = [sum(plan_w[j]) / W_plan0[j] * growth_index for j in range(3)]
        cap_index = [1.0 + capacity_plan_share * (plan_demand_index[j] - 1.0) for j in range(3)]
        cap_growth = [capacity_plan_share * (sum(plan_wg[j]) + sum(plan_w[j]) * planned_growth) / W_plan0[j] * growth_index / cap_index[j]
                      for j in range(3)]
        # wards closed once a sustained surplus at peak demand frees a whole ward
        wards_closed = ward_closure * math.floor(max(0.0, Sustained_base - Sustained_need) / p["ward_size"])
        occupied = (sum(Acute_treatment) + sum(Acute_recovery) + sum(NCTR_P0) + sum(NCTR_P1) + sum(NCTR_P2)
                    + sum(NCTR_P3))
        staffed_beds = max(1.0, GA_beds - wards_closed * p["ward_size"] + Escalation_beds - Staff_gap)
        occupancy = occupied / staffed_beds
        los_multiplier = lookup(f_los_occupancy[0], f_los_occupancy[1], occupancy)
        decond_multiplier = lookup(f_decond[0], f_decond[1], NCTR_delay_perceived)

        # community nursing access (scalar rationing)
        dn_out = [DN_caseload[k] / p["dn_episode_days"] for k in range(N)]
        # post-discharge DN referrals come from the recently-discharged pool (breaks the simultaneity
        # DN access -> admissions -> discharges -> DN demand)
        dn_demand = [Population[k] * p["dn_ref_rate"][KA[k]] / 1000.0 / 365.0
                     + Readmit_window[k] / p["readmit_window_days"] * p["dn_post_discharge"][KA[k]]
                     for k in range(N)]
        dn_intake_capacity = max(0.0, DN_capacity - sum(DN_caseload)) / p["ic_intake_time"] + sum(dn_out)
        dn_access = min(1.0, dn_intake_capacity / max(sum(dn_demand), 1e-9))
        dn_in = [dn_demand[k] * dn_access for k in range(N)]
        dn_unmet = [dn_demand[k] - dn_in[k] for k in range(N)]

        # home-based IC (shared by P1 step-down and step-up referrals)
        stepup_ic_demand = [Population[k] * p["stepup_ic_rate"][KA[k]] / 1000.0 / 365.0 * growth_index
                            for k in range(N)]
        ic_home_out = [IC_home[k] / p["ic_home_days"] for k in range(N)]
        ic_home_intake_capacity = max(0.0, IC_home_capacity - sum(IC_home)) / p["ic_intake_time"] + sum(ic_home_out)
        p1_demand_total = sum(NCTR_P1) / p1_min_delay + sum(stepup_ic_demand)
        ic_home_access = min(1.0, ic_home_intake_capacity / max(p1_demand_total, 1e-9))
        stepup_ic_served = [stepup_ic_demand[k] * ic_home_access for k in range(N)]
        stepup_ic_unmet = [stepup_ic_demand[k] - stepup_ic_served[k] for k in range(N)]

        # would-be (first) emergency admissions
        prevention_effect = lookup(f_prevention[0], f_prevention[1], years_elapsed)
        W = [Population[k] * p["adm_rate"][KA[k]] / 1000.0 / 365.0 * p["fresh_demand_factor"] * dep_norm[KQ[k]]
             * season * growth_index * (1.0 + prevention_effect * ADULT[KA[k]]) + dn_unmet[k] * p["dn_unmet_to_adm"] + stepup_ic_unmet[k] * p["ic_unmet_to_adm"]
             for k in range(N)]
        adult_W = sum(W[k] * ADULT[KA[k]] for k in range(N))
        ucr_weight = [W[k] * ADULT[KA[k]] * (p["ucr_utilisation"] + p["fd_ucr_gain"] * digital_programme * Digital_maturity * digital_reach_cell[k])
                      for k in range(N)]
        ucr_referrals_total = UCR_capacity * min(0.98, sum(ucr_weight) / adult_W)
        ucr_referrals = [ucr_referrals_total * ucr_weight[k] / sum(ucr_weight) for k in range(N)]
        # virtual wards: staff in post set the beds; referrals, adopting new capacity over time, set admissions
        vw_patients = sum(VW_step_up) + sum(VW_step_down)
        vw_reach = sum((VW_step_up[k] + VW_step_down[k]) * digital_reach_cell[k] for k in range(N)) / max(vw_patients, 1e-9)
        rm_capacity_uplift = 1.0 + p["rm_uplift"] * rm_share * digital_programme * Digital_maturity * vw_reach
        VW_capacity = VW_staff * rm_capacity_uplift / p["wte_per_vw_bed"]
        vw_referral_potential = VW_capacity * p["vw_occupancy_target"] / p["vw_los"]
        vw_up_end = [VW_step_up[k] / p["vw_los"] for k in range(N)]
        vw_down_end = [VW_step_down[k] / p["vw_los"] for k in range(N)]
        vw_intake_capacity = max(0.0, VW_capacity - vw_patients) / p["ic_intake_time"] + sum(vw_up_end) + sum(vw_down_end)
        vw_access = min(1.0, vw_intake_capacity / max(VW_referrals, 1e-9))
        vw_stepup_admissions_total = VW_referrals * p["vw_stepup_share"] * vw_access
        vw_stepup_admissions = [vw_stepup_admissions_total * W[k] * ADULT[KA[k]] / adult_W for k in range(N)]
        avoid_raw = [ucr_referrals[k] * p["ucr_no_admission"] * p["ucr_would_admit"]
                     + vw_stepup_admissions[k] * p["vw_substitution"] for k in range(N)]
        divertible_pool = [W[k] * p["divertible_share"] for k in range(N)]
        avoided = [divertible_pool[k] * (1.0 - math.exp(-avoid_raw[k] / divertible_pool[k]))
                   if divertible_pool[k] > 0 else 0.0 for k in range(N)]
        vw_avoided = [avoided[k] * vw_stepup_admissions[k] * p["vw_substitution"] / avoid_raw[k] if avoid_raw[k] > 0 else 0.0
                      for k in range(N)]
        haah_averted = [vw_avoided[k] * p["six_month_mort"] * (1.0 - p["haah_mort_rr"]) for k in range(N)]
        direct_ed = [max(0.0, W[k] - avoided[k] - ucr_referrals[k] * (1.0 - p["ucr_no_admission"])
                         - vw_stepup_admissions[k] * p["vw_escalation"]) for k in range(N)]

        # UCR and VW outflows
        ucr_end = [UCR_caseload[k] / p["ucr_episode_days"] for k in range(N)]
        ucr_to_acute = [ucr_end[k] * (1.0 - p["ucr_no_admission"]) for k in range(N)]
        ucr_home = [ucr_end[k] * p["ucr_no_admission"] for k in range(N)]
        vw_up_escalation = [vw_up_end[k] * p["vw_escalation"] for k in range(N)]
        vw_up_home = [vw_up_end[k] - vw_up_escalation[k] for k in range(N)]
        vw_down_escalation = [vw_down_end[k] * stepdown_escalation for k in range(N)]
        vw_down_home = [vw_down_end[k] - vw_down_escalation[k] for k in range(N)]

        # intermediate care beds and care homes
        ic_bed_out = [IC_bed[k] / p["ic_bed_days"] for k in range(N)]
        ic_bed_home = [ic_bed_out[k] * ic_bed_to_home for k in range(N)]
        ic_bed_to_ch_flow = [ic_bed_out[k] * p["ic_bed_to_ch"] for k in range(N)]
        ic_bed_readmission = [ic_bed_out[k] * p["ic_bed_readmit"] for k in range(N)]
        ch_deaths = [Care_home[k] * ch_mort_day[KA[k]] * improve for k in range(N)]
        ch_ageing_out = [Care_home[k] * ageing_rate[KA[k]] for k in range(N)]
        ch_ageing_in = [Care_home[k - NQ] * ageing_rate[KA[k] - 1] if KA[k] > 0 else 0.0 for k in range(N)]

        # readmissions
        readmissions = [Readmit_window[k] * readmit_hazard * (1.0 - p["scr_readmit"] * digital_programme * Digital_maturity) for k in range(N)]
        window_exit = [Readmit_window[k] / p["readmit_window_days"] for k in range(N)]

        # admission demand (spells) and ED
        admission_demand = [direct_ed[k] + ucr_to_acute[k] + vw_up_escalation[k] + vw_down_escalation[k]
                            + ic_bed_readmission[k] + readmissions[k] for k in range(N)]
        ed_crowding = sum(ED_waiting) / ed_reference
        excess_ed = max(0.0, sum(ED_waiting) - ed_reference)
        ed_deaths = [excess_ed * p["ed_excess_death"] * ED_waiting[k] / max(sum(ED_waiting), 1e-9) for k in range(N)]
        # the release valve: the excess queue leaves ED without a bed (treated and sent home from ED or a corridor,
        # redirected, or self-discharged), at a rate per excess patient; they join the 30-day readmission window
        left_ed = [excess_ed * p["ed_leave_rate"] * ED_waiting[k] / max(sum(ED_waiting), 1e-9) for k in range(N)]
        overnight_share_eff = o * lookup(f_ed_conversion[0], f_ed_conversion[1], ed_crowding)
        sdec_discharges = [admission_demand[k] * (1.0 - overnight_share_eff) for k in range(N)]
        ed_to_bed_queue = [admission_demand[k] * overnight_share_eff for k in range(N)]

        # acute treatment and recovery
        treat_exit = [Acute_treatment[k] / (treat_los[KA[k]] * los_multiplier) for k in range(N)]
        hosp_deaths = [Acute_treatment[k] * die_hazard[KA[k]] * improve for k in range(N)]
        stepdown_eligible = [treat_exit[k] * ADULT[KA[k]] * p["stepdown_eligible_share"] for k in range(N)]
        stepdown_target = VW_referrals * (1.0 - p["vw_stepup_share"]) * vw_access
        stepdown_fraction = min(1.0, stepdown_target / max(sum(stepdown_eligible), 1e-9))
        stepdown = [stepdown_eligible[k] * stepdown_fraction for k in range(N)]
        recovery_in = [treat_exit[k] - stepdown[k] for k in range(N)]
        fit = [Acute_recovery[k] / recovery_days[KA[k]] for k in range(N)]

        # pathway split with deconditioning and discharge-to-assess levers
        p1e, p2e, p3e, p0e = [0.0] * NA, [0.0] * NA, [0.0] * NA, [0.0] * NA
        for a in range(NA):
            p2b = p["p2_share"][a] * p2_share_mult
            p3b = p["p3_share"][a] * p3_share_mult
            p1b = p["p1_share"][a] + p["p2_share"][a] * (1 - p2_share_mult) + p["p3_share"][a] * (1 - p3_share_mult)
            need_scale = min(1.0, 1.0 / max(decond_multiplier * (p1b + p2b + p3b), 1e-9))
            p1e[a] = p1b * decond_multiplier * need_scale
            p2e[a] = p2b * decond_multiplier * need_scale
            p3e[a] = p3b * decond_multiplier * need_scale
            p0e[a] = 1.0 - p1e[a] - p2e[a] - p3e[a]
        fit_p0 = [fit[k] * p0e[KA[k]] for k in range(N)]
        fit_p1 = [fit[k] * p1e[KA[k]] for k in range(N)]
        fit_p2 = [fit[k] * p2e[KA[k]] for k in range(N)]
        fit_p3 = [fit[k] * p3e[KA[k]] for k in range(N)]

        # capacity-limited discharges from NCTR queues
        p0_discharges = [NCTR_P0[k] / (p0_delay * (1.0 - p["edischarge_delay"] * digital_programme * Digital_maturity)) for k in range(N)]
        p1_discharges = [NCTR_P1[k] / p1_min_delay * ic_home_access for k in range(N)]
        ic_bed_intake_capacity = (max(0.0, IC_bed_capacity - sum(IC_bed) - sum(IC_delayed)) / p["ic_intake_time"]
                                  + sum(ic_bed_home) + sum(ic_bed_readmission))
        ic_bed_access = min(1.0, ic_bed_intake_capacity / max(sum(NCTR_P2) / p["p2_min_delay"], 1e-9))
        p2_discharges = [NCTR_P2[k] / p["p2_min_delay"] * ic_bed_access for k in range(N)]
        if ch_direct_rate is None:
            ch_direct_rate = [max(0.0, ch_deaths[k] + ch_ageing_out[k] - ch_ageing_in[k]
                                  - NCTR_P3[k] / p["p3_min_delay"] - IC_delayed[k] / p["p3_min_delay"])
                              / Population[k] for k in range(N)]
        ch_direct_demand = [Population[k] * ch_direct_rate[k] * growth_index for k in range(N)]
        ch_intake_capacity = max(0.0, CH_beds - sum(Care_home)) / p["ch_intake_time"] + sum(ch_deaths)
        ch_demand_total = (sum(NCTR_P3) + sum(IC_delayed)) / p["p3_min_delay"] + sum(ch_direct_demand)
        ch_access = min(1.0, ch_intake_capacity / max(ch_demand_total, 1e-9))
        p3_discharges = [NCTR_P3[k] / p["p3_min_delay"] * ch_access for k in range(N)]
        # pathway fall-back when the receiving service is full (discharge-to-assess practice)
        p3_reroute = [NCTR_P3[k] * (1.0 - ch_access) / p["reroute_time"] for k in range(N)]
        p2_reroute = [NCTR_P2[k] * (1.0 - ic_bed_access) / p["reroute_time"] for k in range(N)]
        p1_reroute = [NCTR_P1[k] * (1.0 - ic_home_access) / p["reroute_time"] for k in range(N)]
        ic_delayed_out = [IC_delayed[k] / p["p3_min_delay"] * ch_access for k in range(N)]
        ch_direct = [ch_direct_demand[k] * ch_access for k in range(N)]

        # bed-limited admission from ED: free beds (up to the maximum workable occupancy) plus beds vacated
        bed_exits = (sum(hosp_deaths) + sum(stepdown) + sum(p0_discharges) + sum(p1_discharges) + sum(p2_discharges)
                     + sum(p3_discharges))
        bed_intake_capacity = max(0.0, staffed_beds * p["max_occupancy"] - occupied) / p["bed_fill_time"] + bed_exits
        ed_admit_demand = sum(ED_waiting) / p["ed_wait_time"]
        bed_access = min(1.0, bed_intake_capacity / max(ed_admit_demand, 1e-9))
        admit_to_bed = [ED_waiting[k] / p["ed_wait_time"] * bed_access for k in range(N)]

        live_acute_discharges = [sdec_discharges[k] + p0_discharges[k] + p1_discharges[k] + p2_discharges[k]
                                 + p3_discharges[k] + stepdown[k] + left_ed[k] for k in range(N)]

        # demography
        total_deaths = [Population[k] * mort_rate[KA[k]] / 1000.0 / 365.0 * improve for k in range(N)]
        comm_deaths = [max(0.0, total_deaths[k] - hosp_deaths[k] - ch_deaths[k] - haah_averted[k]) for k in range(N)]
        pop_deaths = [hosp_deaths[k] + ch_deaths[k] + comm_deaths[k] + ed_deaths[k] for k in range(N)]
        births_total = birth_rate * total_population
        births = [births_total * imd_share[KQ[k]] if KA[k] == 0 else 0.0 for k in range(N)]
        ageing_out = [Population[k] * ageing_rate[KA[k]] for k in range(N)]
        ageing_in = [ageing_out[k - NQ] if KA[k] > 0 else 0.0 for k in range(N)]
        net_migration = [Population[k] * pop_growth_day[KA[k]] - (births[k] + ageing_in[k] - ageing_out[k] - total_deaths[k]) for k in range(N)]

        # capacity targets
        vw_target = vw_per_100k * adult_population / 1e5 * cap_index[0] * rm_capacity_uplift
        ucr_target = ucr_per_100k * icb_population / 1e5 * 12.0 / 365.0 * cap_index[0]
        ga_bed_target = GA_beds_base * (1.0 + bed_base_change) * cap_index[1]
        ic_home_target = IC_home_cap_base * (1.0 + ic_home_capacity_growth) * cap_index[1]
        ic_bed_target = IC_bed_cap_base * (1.0 + ic_bed_capacity_growth) * cap_index[1]
        dn_target = DN_cap_base * (1.0 + dn_workforce_growth / 100.0) ** years_elapsed * cap_index[1]
        ch_target = CH_beds_base * cap_index[2]

        def adj(target, cap, growth):
            return (target - cap) / (p["hire_delay"] if target >= cap else p["decommission_time"]) + cap * growth
        ucr_build = adj(ucr_target, UCR_capacity, cap_growth[0])
        ic_home_build = adj(ic_home_target, IC_home_capacity, cap_growth[1])
        ic_bed_build = adj(ic_bed_target, IC_bed_capacity, cap_growth[1])
        dn_build = adj(dn_target, DN_capacity, cap_growth[1])
        ch_build = (ch_target - CH_beds) / p["bed_adjust_time"] + CH_beds * cap_growth[2]
        ga_bed_build = (ga_bed_target - GA_beds) / p["bed_adjust_time"] + GA_beds * cap_growth[1]
        # virtual ward workforce: recruitment (limited), attrition, release when the plan shrinks
        vw_staff_target = vw_target * p["wte_per_vw_bed"] / rm_capacity_uplift
        vw_leavers = VW_staff * p["vw_attrition"] / 365.0
        vw_hires = min(p["vw_recruit_limit"] * adult_population / 1e5 / 365.0,
                       max(0.0, (vw_staff_target - VW_staff) / p["hire_delay"] + vw_staff_target * cap_growth[0] + vw_leavers))
        vw_released = max(0.0, VW_staff - vw_staff_target) / p["decommission_time"]
        vw_referral_change = (vw_referral_potential - VW_referrals) / p["vw_adoption_time"]
        community_hiring_wte = (max(0.0, vw_hires - vw_leavers) + max(0.0, ucr_build) * p["wte_per_ucr_referral_day"]
                                + max(0.0, ic_home_build) * p["wte_per_ic_place"] + max(0.0, ic_bed_build) * p["wte_per_ic_bed"]
                                + max(0.0, dn_build) * p["wte_per_dn_place"])
        staff_poached = community_hiring_wte * p["poach_share"] / p["acute_wte_per_bed"]
        staff_backfill = Staff_gap / p["backfill_time"]

        # escalation (surge) beds opened for an ED queue above the trigger
        esc_beds_wanted = min(p["esc_max_share"] * GA_beds,
                              max(0.0, sum(ED_waiting) - p["esc_trigger_ratio"] * ed_reference))
        escalation_change = (esc_beds_wanted - Escalation_beds) / p["escalation_time"]

        # NCTR delay perception (SMOOTH)
        nctr_total = sum(NCTR_P0) + sum(NCTR_P1) + sum(NCTR_P2) + sum(NCTR_P3)
        nctr_delay_per_discharge = nctr_total / max(sum(fit), 1e-9)
        nctr_delay_change = (nctr_delay_per_discharge - NCTR_delay_perceived) / p["nctr_smooth_time"]

        # digital programme: two-stage (S-shaped) adoption
        rollout_change = (digital_programme - Digital_rollout) / (p["digital_adoption_time"] / 2.0)
        maturity_change = (Digital_rollout - Digital_maturity) / (p["digital_adoption_time"] / 2.0)
        # sustained bed surplus at peak demand (wards released)
        beds_needed_peak = occupied * beds_per_occupied * (1.0 + p["season_amp"])
        need_change = (beds_needed_peak - Sustained_need) / p["bed_release_time"]
        base_change = (GA_beds - Sustained_base) / p["bed_release_time"]

        # costs (GBP/day) and QALYs (per day)
        discount = (1.0 + p["discount_rate"]) ** (-years_elapsed)
        cost_acute_fixed = staffed_beds * p["bed_day_cost"] * p["fixed_share"]
        cost_acute_variable = occupied * p["bed_day_cost"] * (1.0 - p["fixed_share"]) + sum(admission_demand) * admission_premium
        cost_corridor = excess_ed * p["corridor_cost"]
        cost_acute = cost_acute_fixed + cost_acute_variable + cost_corridor
        cost_digital = (digital_programme * (rm_share * VW_capacity * p["rm_licence"] / 365.0
                                            + (p["scr_cost"] + p["fd_cost"]) * total_population / 365.0)
                        + p["digital_impl_cost"] * icb_population * max(0.0, rollout_change))
        cost_vw = (sum(VW_step_up) + sum(VW_step_down)) * p["vw_day_cost"]
        cost_ucr = sum(ucr_referrals) * p["ucr_episode_cost"]
        cost_ic_bed = (sum(IC_bed) + sum(IC_delayed)) * p["ic_bed_day_cost"]
        cost_ic_home = sum(IC_home) * p["ic_home_day_cost"]
        dn_contacts = sum(DN_caseload) * p["dn_contacts_per_day"]
        cost_dn = dn_contacts * p["dn_contact_cost"]
        n_share = p["nursing_share"]
        nhs_ch = [Care_home[k] * p["chc_share"] for k in range(N)]
        self_ch = [Care_home[k] * (1.0 - p["chc_share"]) * p["ch_self_share"][KQ[k]] for k in range(N)]
        council_ch = [Care_home[k] * (1.0 - p["chc_share"]) * (1.0 - p["ch_self_share"][KQ[k]]) for k in range(N)]
        cost_ch_self = sum(self_ch) * (n_share * p["sf_nursing"] + (1.0 - n_share) * p["sf_res"]) / 7.0
        cost_ch_la = sum(council_ch) * (n_share * p["la_nursing"] + (1.0 - n_share) * p["la_res"]) / 7.0
        cost_ch_nhs = (sum(nhs_ch) * (p["la_nursing"] + p["fnc"]) + (sum(self_ch) + sum(council_ch)) * n_share * p["fnc"]) / 7.0
        cost_ch = cost_ch_self + cost_ch_la + cost_ch_nhs
        cost_total = cost_acute + cost_vw + cost_ucr + cost_ic_bed + cost_ic_home + cost_dn + cost_ch + cost_digital
        cost_nhs_community = (cost_vw + cost_ucr + cost_ic_bed * p["ic_bed_nhs_share"] + cost_ic_home * p["ic_home_nhs_share"] + cost_dn
                              + cost_digital)
        cost_nhs_hospital = cost_acute + cost_ch_nhs
        cost_nhs = cost_nhs_community + cost_nhs_hospital
        cost_la = cost_ic_bed * (1.0 - p["ic_bed_nhs_share"]) + cost_ic_home * (1.0 - p["ic_home_nhs_share"]) + cost_ch_la
        cost_self = cost_ch_self
        cost_by_payer = cost_nhs + cost_la + cost_self
        disc_nhs = cost_nhs * discount
        qaly_rate = sum(Population[k] * u_norm[KA[k]] for k in range(N)) / 365.0

        # equity and age-standardised KPIs (OHID slope index of inequality over quintiles)
        pop_imd = [sum(Population[k] for k in range(N) if KQ[k] == q) for q in range(NQ)]
        imd_weight = [pop_imd[q] / total_population for q in range(NQ)]
        imd_cum = []
        c = 0.0
        for q in range(NQ):
            c = c + imd_weight[q]
            imd_cum.append(c)
        imd_rank = [imd_cum[q] - imd_weight[q] / 2.0 for q in range(NQ)]
        rank_mean = sum(imd_weight[q] * imd_rank[q] for q in range(NQ))
        imd_rank_c = [imd_rank[q] - rank_mean for q in range(NQ)]
        adm_rate_cell = [admission_demand[k] * 365.0 / Population[k] * 1000.0 for k in range(N)]
        adm_by_age = [sum(admission_demand[k] for k in range(N) if KA[k] == a) * 365.0 / sum(Population[k] for k in range(N) if KA[k] == a) * 1000.0
                      for a in range(NA)]
        adm_std = sum(ESP[a] * adm_by_age[a] for a in range(NA))
        adm_std_imd = [sum(ESP[a] * adm_rate_cell[a * NQ + q] for a in range(NA)) for q in range(NQ)]
        adm_std_gap = adm_std_imd[0] - adm_std_imd[4]
        adm_std_ratio = adm_std_imd[0] / adm_std_imd[4]
        adm_sii = -sum(imd_weight[q] * imd_rank_c[q] * adm_std_imd[q] for q in range(NQ)) / sum(imd_weight[q] * imd_rank_c[q] ** 2 for q in range(NQ))
        adm_rii = adm_sii / sum(imd_weight[q] * adm_std_imd[q] for q in range(NQ))
        occupied_cell = [Acute_treatment[k] + Acute_recovery[k] + NCTR_P0[k] + NCTR_P1[k] + NCTR_P2[k] + NCTR_P3[k] for k in range(N)]
        bed_days_by_age = [sum(occupied_cell[k] for k in range(N) if KA[k] == a) * 365.0 / sum(Population[k] for k in range(N) if KA[k] == a) * 1000.0
                           for a in range(NA)]
        bed_days_std_imd = [sum(ESP[a] * occupied_cell[a * NQ + q] * 365.0 / Population[a * NQ + q] * 1000.0 for a in range(NA)) for q in range(NQ)]
        nctr_by_age = [sum(NCTR_P0[k] for k in range(N) if KA[k] == a) + sum(NCTR_P1[k] for k in range(N) if KA[k] == a)
                       + sum(NCTR_P2[k] for k in range(N) if KA[k] == a) + sum(NCTR_P3[k] for k in range(N) if KA[k] == a) for a in range(NA)]
        deaths_std_imd = [sum(ESP[a] * pop_deaths[a * NQ + q] * 365.0 / Population[a * NQ + q] * 1000.0 for a in range(NA)) for q in range(NQ)]
        deaths_by_age = [sum(pop_deaths[k] for k in range(N) if KA[k] == a) * 365.0 / sum(Population[k] for k in range(N) if KA[k] == a) * 1000.0
                         for a in range(NA)]
        deaths_std = sum(ESP[a] * deaths_by_age[a] for a in range(NA))

        # ---------- KPI accumulator rates (state at t) ----------
        ic_starts = sum(ucr_referrals) + sum(p1_discharges) + sum(p2_discharges) + sum(stepup_ic_served)
        ch_adm_65 = sum(p3_discharges[k] + ic_delayed_out[k] + ch_direct[k] for k in range(N) if KA[k] >= 3)
        pop65 = sum(Population[k] for k in range(N) if KA[k] >= 3)
        rates = {
            "occupied": occupied, "occupancy": occupancy, "staffed_beds": staffed_beds, "nctr": nctr_total,
            "vw_occupied": sum(VW_step_up) + sum(VW_step_down), "vw_capacity": VW_capacity,
            "ucr_referrals": sum(ucr_referrals), "ic_starts": ic_starts, "ic_stepdown_home": sum(p1_discharges),
            "ic_stepdown_bed": sum(p2_discharges), "ic_stepup": sum(stepup_ic_served),
            "deaths": sum(pop_deaths), "hosp_deaths": sum(hosp_deaths) + sum(ed_deaths), "ch_deaths": sum(ch_deaths),
            "comm_deaths": sum(comm_deaths), "overnight_adm": sum(ed_to_bed_queue),
            "live_discharges": sum(live_acute_discharges),
            "readmissions": sum(readmissions) + sum(vw_down_escalation) + sum(ic_bed_readmission),
            "p0": sum(p0_discharges) + sum(sdec_discharges), "p1": sum(p1_discharges), "p2": sum(p2_discharges),
            "p3": sum(p3_discharges), "ch_adm_65": ch_adm_65, "dn_contacts": dn_contacts,
            "cost_acute": cost_acute, "cost_vw": cost_vw, "cost_ucr": cost_ucr, "cost_ic_bed": cost_ic_bed,
            "cost_ic_home": cost_ic_home, "cost_dn": cost_dn, "cost_ch": cost_ch, "cost_total": cost_total,
            "disc_cost": cost_total * discount, "qaly": qaly_rate, "disc_qaly": qaly_rate * discount,
            "avoided": sum(avoided), "ed_waiting": sum(ED_waiting), "vw_admissions": sum(vw_stepup_admissions),
            "usual_residence": sum(p0_discharges) + sum(sdec_discharges) + sum(p1_discharges) + sum(stepdown),
            "pop65": pop65, "pop85": sum(Population[k] for k in range(N) if KA[k] == 5),
            "population": total_population,
            "occupied85": sum(Acute_treatment[k] + Acute_recovery[k] + NCTR_P0[k] + NCTR_P1[k] + NCTR_P2[k]
                              + NCTR_P3[k] for k in range(N) if KA[k] == 5),
            "overnight85": sum(ed_to_bed_queue[k] for k in range(N) if KA[k] == 5),
            "escalation": Escalation_beds,
        }
        # ---------- recording (state at t) ----------
        if step % steps_per_year == 0:
            s = snapshot(t)
            s["state"] = {"Population": sum(Population), "Care_home": sum(Care_home), "GA_beds": GA_beds,
                          "VW_capacity": VW_capacity, "occupied": occupied, "nctr": nctr_total}
            if snap_prev is not None:
                annual.append(annual_kpis(snap_prev, s, p, pop0))
            snap_prev = s
        if record_daily and step % int(round(1.0 / dt)) == 0:
            daily.append((t, occupied, occupancy, nctr_total, sum(admission_demand) * 365 / total_population * 1000,
                          sum(ED_waiting), VW_capacity, sum(Population)))
        if trace is not None:   # cross-check hook (tests/crosscheck/nhs): every value at time t
            trace(step, t, locals())
        if step == n_steps:
            break

        # ---------- Euler update ----------
        Population = [Population[k] + dt * (births[k] + ageing_in[k] + net_migration[k] - ageing_out[k] - pop_deaths[k]) for k in range(N)]
        Care_home = [Care_home[k] + dt * (p3_discharges[k] + ic_delayed_out[k] + ch_direct[k] + ch_ageing_in[k]
                                          - ch_ageing_out[k] - ch_deaths[k]) for k in range(N)]
        UCR_caseload = [UCR_caseload[k] + dt * (ucr_referrals[k] - ucr_end[k]) for k in range(N)]
        VW_step_up = [VW_step_up[k] + dt * (vw_stepup_admissions[k] - vw_up_end[k]) for k in range(N)]
        VW_step_down = [VW_step_down[k] + dt * (stepdown[k] - vw_down_end[k]) for k in range(N)]
        ED_waiting = [ED_waiting[k] + dt * (ed_to_bed_queue[k] - admit_to_bed[k] - left_ed[k]) for k in range(N)]
        Acute_treatment = [Acute_treatment[k] + dt * (admit_to_bed[k] - treat_exit[k] - hosp_deaths[k]) for k in range(N)]
        Acute_recovery = [Acute_recovery[k] + dt * (recovery_in[k] - fit[k]) for k in range(N)]
        NCTR_P0 = [NCTR_P0[k] + dt * (fit_p0[k] + p1_reroute[k] - p0_discharges[k]) for k in range(N)]
        NCTR_P1 = [NCTR_P1[k] + dt * (fit_p1[k] + p2_reroute[k] - p1_discharges[k] - p1_reroute[k]) for k in range(N)]
        NCTR_P2 = [NCTR_P2[k] + dt * (fit_p2[k] + p3_reroute[k] - p2_discharges[k] - p2_reroute[k]) for k in range(N)]
        NCTR_P3 = [NCTR_P3[k] + dt * (fit_p3[k] - p3_discharges[k] - p3_reroute[k]) for k in range(N)]
        IC_home = [IC_home[k] + dt * (p1_discharges[k] + stepup_ic_served[k] - ic_home_out[k]) for k in range(N)]
        IC_bed = [IC_bed[k] + dt * (p2_discharges[k] - ic_bed_out[k]) for k in range(N)]
        IC_delayed = [IC_delayed[k] + dt * (ic_bed_to_ch_flow[k] - ic_delayed_out[k]) for k in range(N)]
        DN_caseload = [DN_caseload[k] + dt * (dn_in[k] - dn_out[k]) for k in range(N)]
        Readmit_window = [Readmit_window[k] + dt * (live_acute_discharges[k] - readmissions[k] - window_exit[k])
                          for k in range(N)]
        GA_beds += dt * ga_bed_build
        Staff_gap += dt * (staff_poached - staff_backfill)
        Escalation_beds += dt * escalation_change
        VW_staff += dt * (vw_hires - vw_leavers - vw_released)
        VW_referrals += dt * vw_referral_change
        Digital_rollout += dt * rollout_change
        Digital_maturity += dt * maturity_change
        Sustained_need += dt * need_change
        Sustained_base += dt * base_change
        Cum_disc_nhs += dt * disc_nhs
        UCR_capacity += dt * ucr_build
        IC_home_capacity += dt * ic_home_build
        IC_bed_capacity += dt * ic_bed_build
        DN_capacity += dt * dn_build
        CH_beds += dt * ch_build
        NCTR_delay_perceived += dt * nctr_delay_change
        # accumulators
        cum_births += dt * births_total
        cum_deaths += dt * sum(pop_deaths)
        cum_migration += dt * sum(net_migration)
        cum_admissions = [cum_admissions[k] + dt * admission_demand[k] for k in range(N)]
        for name in acc_names:
            acc[name] += dt * rates[name]
        if check:
            for nm, arr in (("Population", Population), ("Care_home", Care_home), ("UCR_caseload", UCR_caseload),
                            ("VW_step_up", VW_step_up), ("VW_step_down", VW_step_down), ("ED_waiting", ED_waiting),
                            ("Acute_treatment", Acute_treatment), ("Acute_recovery", Acute_recovery),
                            ("NCTR_P0", NCTR_P0), ("NCTR_P1", NCTR_P1), ("NCTR_P2", NCTR_P2), ("NCTR_P3", NCTR_P3),
                            ("IC_home", IC_home), ("IC_bed", IC_bed), ("IC_delayed", IC_delayed),
                            ("DN_caseload", DN_caseload), ("Readmit_window", Readmit_window)):
                m = min(arr)
                if m < min_stock[0]:
                    min_stock = (m, nm, t + dt)
            for nm, v in (("GA_beds", GA_beds), ("Staff_gap", Staff_gap), ("Escalation_beds", Escalation_beds), ("VW_staff", VW_staff), ("VW_referrals", VW_referrals), ("Sustained_need", Sustained_need), ("Sustained_base", Sustained_base),
                          ("UCR_capacity", UCR_capacity), ("IC_home_capacity", IC_home_capacity),
                          ("IC_bed_capacity", IC_bed_capacity), ("DN_capacity", DN_capacity), ("CH_beds", CH_beds)):
                if v < min_stock[0]:
                    min_stock = (v, nm, t + dt)

    final_pop = sum(Population)
    conservation_error = (final_pop - (sum(pop0) + cum_births + cum_migration - cum_deaths)) / sum(pop0)
    return {"annual": annual, "min_stock": min_stock, "conservation_error": conservation_error,
            "daily": daily, "params": p, "init": {"occupied": occupied0, "GA_beds": GA_beds_base,
                                                  "IC_home_cap": IC_home_cap_base, "IC_bed_cap": IC_bed_cap_base,
                                                  "DN_cap": DN_cap_base, "CH_beds": CH_beds_base}}


def annual_kpis(s0, s1, p, pop0):
    d = {k: s1[k] - s0[k] for k in s1 if isinstance(s1[k], float) and k != "t"}
    days = s1["t"] - s0["t"]
    yr = 365.0 / days
    pop = d["population"] / days
    adm = [s1["cum_admissions"][k] - s0["cum_admissions"][k] for k in range(N)]
    adm_q = [sum(adm[k] for k in range(N) if KQ[k] == q) for q in range(NQ)]
    # mean population by quintile approximated from the initial split (stationary population)
    popq = [sum(pop0[k] for k in range(N) if KQ[k] == q) for q in range(NQ)]
    occ_bed_days = d["occupied"] * yr
    k = {
        "Population": pop,
        "Population 65+": d["pop65"] / days,
        "Population 85+": d["pop85"] / days,
        "Emergency admissions per year": sum(adm) * yr,
        "Emergency admissions per 1000": sum(adm) * yr / pop * 1000,
        "Emergency admissions per 1000 IMD Q1": adm_q[0] * yr / popq[0] * 1000,
        "Emergency admissions per 1000 IMD Q5": adm_q[4] * yr / popq[4] * 1000,
        "IMD Q1-Q5 gap in emergency admissions per 1000": (adm_q[0] / popq[0] - adm_q[4] / popq[4]) * yr * 1000,
        "Non-elective bed days per year": occ_bed_days,
        "Non-elective bed days per 1000": occ_bed_days / pop * 1000,
        "G&A beds": d["staffed_beds"] / days,
        "G&A beds occupied": d["occupied"] / days,
        "Escalation beds open": d["escalation"] / days,
        "G&A occupancy": d["occupancy"] / days,
        "Average LOS (overnight)": d["occupied"] / d["overnight_adm"],
        "Average LOS 85+": d["occupied85"] / d["overnight85"],
        "NCTR per day": d["nctr"] / days,
        "NCTR % of beds": d["nctr"] / d["staffed_beds"],
        "Discharges P0 per month": d["p0"] / days * 365 / 12,
        "Discharges P1 per month": d["p1"] / days * 365 / 12,
        "Discharges P2 per month": d["p2"] / days * 365 / 12,
        "Discharges P3 per month": d["p3"] / days * 365 / 12,
        "% discharged to usual place of residence": d["usual_residence"] / d["live_discharges"],
        "30-day emergency readmission %": d["readmissions"] / d["live_discharges"],
        "Patients waiting in ED for a bed": d["ed_waiting"] / days,
        "Virtual ward capacity per 100k adults": d["vw_capacity"] / days / (pop * 0.79) * 1e5,
        "Virtual ward beds": d["vw_capacity"] / days,
        "Virtual-ward occupancy": d["vw_occupied"] / max(d["vw_capacity"], 1e-9),
        "Virtual ward admissions per month": d["vw_admissions"] / days * 365 / 12,
        "UCR referrals per month": d["ucr_referrals"] / days * 365 / 12,
        "UCR referrals per 100k per month": d["ucr_referrals"] / days * 365 / 12 / pop * 1e5,
        "Intermediate care starts per month": d["ic_starts"] / days * 365 / 12,
        "IC step-down home starts per month": d["ic_stepdown_home"] / days * 365 / 12,
        "IC step-down bed starts per month": d["ic_stepdown_bed"] / days * 365 / 12,
        "IC step-up starts per month": d["ic_stepup"] / days * 365 / 12,
        "Intermediate care spend per year": (d["cost_ic_bed"] + d["cost_ic_home"] + d["cost_ucr"]) * yr,
        "Deaths per year": d["deaths"] * yr,
        "Share of deaths in hospital": d["hosp_deaths"] / d["deaths"],
        "Share of deaths in care homes": d["ch_deaths"] / d["deaths"],
        "Care home admissions 65+ per 100k 65+ (ASCOF 2A-like)": d["ch_adm_65"] * yr / (d["pop65"] / days) * 1e5,
        "Community nursing contacts per year": d["dn_contacts"] * yr,
        "Avoided admissions per year": d["avoided"] * yr,
        "Cost acute per year": d["cost_acute"] * yr,
        "Cost virtual wards per year": d["cost_vw"] * yr,
        "Cost UCR per year": d["cost_ucr"] * yr,
        "Cost IC beds per year": d["cost_ic_bed"] * yr,
        "Cost IC home per year": d["cost_ic_home"] * yr,
        "Cost community nursing per year": d["cost_dn"] * yr,
        "Cost care homes per year": d["cost_ch"] * yr,
        "Cost total per year (health, excl. care homes)": (d["cost_total"] - d["cost_ch"]) * yr,
        "Cost total per year (incl. care homes)": d["cost_total"] * yr,
        "Discounted cost": d["disc_cost"],
        "QALYs per year": d["qaly"] * yr,
        "Discounted QALYs": d["disc_qaly"],
    }
    return k


if __name__ == "__main__":
    import time
    t0 = time.time()
    r = run()
    print("run time %.1fs" % (time.time() - t0))
    print("min stock", r["min_stock"], "conservation", r["conservation_error"])
    for yi in (0, 1, 9):
        print("--- year", yi + 1)
        for k, v in r["annual"][yi].items():
            print("  %-55s %14.4f" % (k, v))
