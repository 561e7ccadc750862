/** Marks a refusal that repair can mend (`banmian edition repair`, 修复 in the app): the app offers 修复 on it. */
export const REPAIRABLE = '可以修复';
