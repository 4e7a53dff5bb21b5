import { describeEveryModel } from '../../every-model.ts'
import { dataModel, kit } from './kit.ts'

describeEveryModel('hoppscotch', dataModel, kit)
