'use client';

import { use as registerParts } from 'echarts/core';
import { MarkLineComponent } from 'echarts/components';

/**
 * The SLO charts draw thresholds and the zero line as mark lines; components/charts/echarts-core.ts
 * registers only what every chart needs, so the SLO panels add this part (registration is idempotent).
 */
registerParts([MarkLineComponent]);
