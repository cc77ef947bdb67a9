import { fold, searchTerms, likeEscape } from '../../src/shared/fold';

test.each([
  ['Châteauguay—Lacolle', 'chateauguay lacolle'],
  ['Parry Sound—Muskoka', 'parry sound muskoka'],
  ['Beauport–Limoilou', 'beauport limoilou'],
  ['Saint-Hyacinthe—Bagot', 'saint hyacinthe bagot'],
  ["L’Île-d’Orléans", 'lile dorleans'],
  ["L'Île-d'Orléans", 'lile dorleans'],
  ['Cœur de l’Œuvre', 'coeur de loeuvre'],
  ['  Trois\u00a0Rivières\u200b ', 'trois rivieres'],
])('fold(%j) is %j', (input, folded) => {
  expect(fold(input)).toBe(folded);
});

test('a search is split into folded words, and LIKE wildcards match themselves', () => {
  expect(searchTerms('  Châteauguay   LACOLLE ')).toEqual(['chateauguay', 'lacolle']);
  expect(likeEscape('50%_off')).toBe('50\\%\\_off');
});
