import { Picker, Text } from '@tarojs/components';

export interface FilterOption {
  code: string;
  name: string;
}

/**
 * One filter of a list as a compact selector: "全部<noun>" first, then the options. The chosen name
 * shows on the chip, highlighted while a filter is on.
 */
export function FilterPicker({ noun, options, value, onChange }: { noun: string; options: readonly FilterOption[]; value: string | undefined; onChange: (code: string | undefined) => void }) {
  const names = [`全部${noun}`, ...options.map((o) => o.name)];
  const index = value === undefined ? 0 : options.findIndex((o) => o.code === value) + 1;
  return (
    <Picker mode="selector" range={names} value={Math.max(index, 0)} onChange={(e) => onChange(options[Number(e.detail.value) - 1]?.code)}>
      <Text className={`chip ${value === undefined ? '' : 'chip-on'}`}>{names[Math.max(index, 0)]} ▾</Text>
    </Picker>
  );
}
