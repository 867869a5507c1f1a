import { NumberInput } from 'react-admin';

import { numericHelperText, numericValidators, type NumericSetting } from './studyConfig';

// `min`/`max` drive the spinner only: the forms are `noValidate`, so the validators (not the
// browser's own tooltips) report out-of-range values.
export const NumericInput = ({ source, setting }: { source: string; setting: NumericSetting }) => (
  <NumberInput
    source={source}
    label={setting.label}
    defaultValue={setting.default}
    min={setting.min}
    max={setting.max}
    step={setting.integer ? 1 : 0.5}
    validate={numericValidators(setting)}
    helperText={numericHelperText(setting)}
  />
);
