/* loket_rights_table.c — THE one place that maps the six Loket.nl rights
 * Benefits-Plaza needs to the activity /authorizations lists and to the
 * endpoint a one-row probe uses. Inferred (api-facts.md: no source maps
 * them); correct it here and nowhere else. */
#include "koppel/loket_rights.h"

const struct kp_loket_right kp_loket_rights[] = {
    {"bsn", "Beheren en raadplegen BSN", "GetCitizenServiceNumbersByEmployerId", KP_PROBE_EMPLOYER,
     "/providers/employers/{employer}/employees/citizenservicenumbers", "2018-01-01"},
    {"employments", "Raadplegen dienstverbanden", "GetEmploymentsByEmployerId", KP_PROBE_EMPLOYER,
     "/providers/employers/{employer}/employees/employments", "2019-12-16"},
    {"wages", "Raadplegen beloningen", "GetWagesByEmploymentId", KP_PROBE_EMPLOYMENT,
     "/providers/employers/employees/employments/{employment}/wages", "2018-01-01"},
    {"payrollperioddata", "Raadplegen variabele gegevens", "GetPayrollPeriodDataByEmploymentId",
     KP_PROBE_EMPLOYMENT,
     "/providers/employers/employees/employments/{employment}/payrollperioddata", "2018-01-01"},
    {"payrollperiodresults", "Raadplegen loonoutput beperkt",
     "GetPayrollPeriodResultsByEmploymentIdAndYear", KP_PROBE_EMPLOYMENT,
     "/providers/employers/employees/employments/{employment}/payrollperiodresults/year/{year}",
     "2018-01-01"},
    {"hrm", "Raadplegen HRM", "GetPartnersByEmployeeId", KP_PROBE_EMPLOYEE,
     "/providers/employers/employees/{employee}/partners", "2018-01-01"},
};

const size_t kp_loket_n_rights = sizeof kp_loket_rights / sizeof kp_loket_rights[0];
