/* flow.h — the flows of the wizard, for the cli to hand to kp_wizard_run. */
#ifndef KOPPEL_SCREENS_FLOW_H
#define KOPPEL_SCREENS_FLOW_H

#include "koppel/step.h"

extern const struct kp_flow_table kp_flows;

#endif
