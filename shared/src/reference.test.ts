import { parseDistrict } from './reference';

describe('parseDistrict', () => {
  it.each([
    ['danyang', 'danyang'],
    ['丹阳市', 'danyang'],
    ['丹阳', 'danyang'],
    ['镇江市丹阳市', 'danyang'],
    ['京口', 'jingkou'],
    ['句容市', 'jurong'],
    ['镇江新区(经开区)', 'xinqu'],
    ['镇江新区（经开区）', 'xinqu'],
    ['经开区', 'xinqu'],
    [' Yangzhong ', 'yangzhong'],
  ])('when the text is %j, then the district is %s', (text, code) => {
    expect(parseDistrict(text)).toBe(code);
  });

  it.each([[''], ['镇江'], ['镇江市'], ['南京'], ['丹阳市区'], ['阳'], ['丹阳最低工资']])('when the text is %j, then no district is named', (text) => {
    expect(parseDistrict(text)).toBeNull();
  });
});
